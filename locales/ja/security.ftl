# アクセス規則のメッセージ：翻訳者キーで変更できる範囲。

problem-detail-forbidden-locale = このキーで翻訳できるのは { $allowed } だけです。「{ $locale }」のテキストは変更できません。
problem-detail-forbidden-source-locale = 原文（「{ $locale }」）は編集者が変更します。翻訳者キーで変更できるのは担当のロケールだけです。
problem-detail-forbidden-locale-removal = 掲載情報から「{ $locale }」のテキストを削除できるのは編集者だけです。
field-error-source-locale = 「{ $field }」に原文のロケール「{ $value }」は指定できません。原文は編集者が書きます。
field-error-hidden-character = 「{ $field }」に、テキストの表示を変える見えない制御文字（{ $value }）が含まれています。削除してください。
problem-detail-busy = 現在、エクスポートやフィードの作成が混み合っています。数秒後に再度お試しください。

# 編集:認証、前提条件、入力検証、インポート。

problem-title-unauthorized = 認証が必要です
problem-detail-unauthorized = このリクエストには有効な API キーが必要です。「Authorization: Bearer <キー>」を送ってください。

problem-title-forbidden = 許可されていません
problem-detail-forbidden = この API キーのロールではこのリクエストは許可されていません。
problem-detail-forbidden-translator = 翻訳者キーで変更できるのはテキストだけです（PUT /v1/listings/{"{"}id{"}"}/content/{"{"}locale{"}"}、または「texts」のみの PATCH）。
problem-detail-origin-not-allowed = このウェブオリジンからの書き込みは受け付けていません。

problem-title-conflict = 競合しています
problem-detail-conflict = ID「{ $id }」の掲載情報はすでに存在します（削除済みの場合を含む）。
problem-detail-conflict-external-id = この外部 ID はすでに別の掲載情報で使われています。

problem-title-precondition-failed = 掲載情報が変更されています
problem-detail-precondition-failed = 読み込んだ後に掲載情報が変更されました。現在の ETag は { $etag } です。もう一度読み込んでから変更してください。

problem-title-precondition-required = If-Match が必要です
problem-detail-precondition-required = 他の人の変更を上書きしないよう、掲載情報の ETag を「If-Match」で送ってください。

problem-title-validation-failed = 入力内容に誤りがあります
problem-detail-validation-failed = { $count }件の項目に誤りがあります。「errors」を確認してください。
problem-detail-import-failed = { $count }件の行の問題が見つかったため、何もインポートしませんでした。「errors」を確認してください。

problem-title-too-many-requests = リクエストが多すぎます
problem-detail-too-many-requests = 書き込みが多すぎます。{ $seconds }秒後にもう一度お試しください。

problem-title-unsupported-media-type = 対応していないコンテンツタイプです
problem-detail-unsupported-media-type = このエンドポイントが読み込めるのは { $expected } です。

problem-title-key-not-found = API キーが見つかりません
problem-detail-key-not-found = ID { $id } の有効な API キーはありません。

field-error-required = 「{ $field }」は必須です。
field-error-too-long = 「{ $field }」が長すぎます。{ $max }文字以内で入力してください。
field-error-out-of-range = 「{ $field }」は{ $min }から{ $max }までの値で指定してください。
field-error-invalid-format = { $expected ->
    [slug] 「{ $field }」は英小文字と数字を1つのハイフンでつないだ形式（例：seoul-global-center）で指定してください。
    [phone] 「{ $field }」は国際形式の電話番号（例：+82-2-2075-4112）で指定してください。
    [email] 「{ $field }」はメールアドレスで指定してください。
    [url] 「{ $field }」は http または https のウェブアドレスで指定してください。
    [date-time] 「{ $field }」は時差付きの日時（RFC 3339、例：2026-03-01T09:00:00+09:00）で指定してください。
    [date] 「{ $field }」は日付（例：2026-03-01）で指定してください。
    [language] 「{ $field }」は言語コード（BCP 47、例：en、zh）で指定してください。
    [language-list] 「{ $field }」はセミコロン区切りのコード（en;ja）または JSON の配列で指定してください。
    [integer] 「{ $field }」は整数で指定してください。
    [number] 「{ $field }」は数値で指定してください。
    [boolean] 「{ $field }」は 1、0、true、false のいずれかで指定してください。
    [csv] この行は UTF-8 の CSV として読めないか、列の数がヘッダーと合いません。
   *[other] 「{ $field }」の形式が正しくありません。
}
field-error-unknown-value = 「{ $value }」は「{ $field }」の値として登録されていません。
field-error-invalid-opening-hours = 「{ $field }」は OpenStreetMap の opening_hours 形式（例：Mo-Fr 09:00-18:00）ではありません。
field-error-wrong-order = 「{ $field }」は「{ $other }」より後にしてください。
field-error-incomplete = 「{ $field }」は「{ $other }」と一緒に指定してください。
field-error-duplicate = 「{ $field }」は重複できません。「{ $value }」はすでに使われています。
field-error-not-allowed = 「{ $field }」はここでは指定できません。

# エラーのタイトル(コードごとに固定)と詳細(発生ごと)。

problem-title-invalid-parameter = パラメータが不正です
problem-detail-invalid-parameter = クエリまたはパスのパラメータを読み取れませんでした。
problem-detail-parameter-range = パラメータ「{ $parameter }」は{ $min }から{ $max }までの整数で指定してください。
problem-detail-parameter-unknown = 「{ $value }」は「{ $parameter }」の値として登録されていません。
problem-detail-parameter-malformed = 「{ $parameter }」の値の形式が正しくありません。
problem-detail-parameter-form = 「{ $parameter }」の値の形式が正しくありません。「{ $example }」のように指定してください（形式：{ $form }）。
problem-detail-parameter-requires = パラメータ「{ $parameter }」には「{ $other }」も指定してください。
problem-detail-parameter-conflicts = 「{ $parameter }」と「{ $other }」は同時に指定できません。

problem-title-malformed-body = リクエスト本文が不正です
problem-detail-malformed-body = リクエスト本文が正しい形式の JSON ではありません。

problem-title-payload-too-large = リクエスト本文が大きすぎます
problem-detail-payload-too-large = リクエスト本文がこのエンドポイントの上限を超えています。

problem-title-listing-not-found = 掲載情報が見つかりません
problem-detail-listing-not-found = ID「{ $id }」の掲載情報はありません。

problem-title-city-not-found = 都市が見つかりません
problem-detail-city-not-found = コード「{ $city }」の都市はありません。

problem-title-route-not-found = 見つかりません
problem-detail-route-not-found = このアドレスでは何も提供されていません。API の説明は /docs にあります。

problem-title-method-not-allowed = 許可されていないメソッドです
problem-detail-method-not-allowed = ここでは { $method } は使えません。使用できるメソッド：{ $allowed }

problem-title-service-unavailable = サービスを利用できません
problem-detail-service-unavailable = 現在データベースに接続できません。しばらくしてから再度お試しください。

problem-title-internal = 内部エラー
problem-detail-internal = サーバー側で問題が発生しました。記録済みです。しばらくしてから再度お試しください。

# 確認の報告:誰でも掲載情報について送れる報告と、編集者の処理待ち一覧。

report-received = ご報告ありがとうございます。編集者が確認します。

problem-title-report-not-found = 報告が見つかりません
problem-detail-report-not-found = ID「{ $id }」の報告はありません。
problem-detail-report-resolved = この報告はすでに処理済みです。
problem-detail-report-listing-busy = この報告の処理中に掲載情報が何度も変更されました。少し待ってからもう一度お試しください。

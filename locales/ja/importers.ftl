# インポート：ソウル市のオープンデータと、翻訳者による掲載情報本文の
# Fluent ファイル。

problem-detail-content-import-failed = ファイルに{ $count }件の問題が見つかったため、何もインポートしませんでした。「errors」を確認してください。
problem-detail-content-import-stale = インポート中に掲載情報が変更されたため、何もインポートしませんでした。ファイルをもう一度送信してください。
field-error-invalid-fluent = { $field }：Fluent ファイルとして読み込めません（{ $reason }）。

## ソウル市のオープンデータに現れる言語 (USE_LANG)

language-th = タイ語
language-id = インドネシア語
language-ar = アラビア語
language-pt = ポルトガル語
language-uz = ウズベク語
language-tl = タガログ語

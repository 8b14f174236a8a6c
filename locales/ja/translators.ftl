# GET /v1/locales の翻訳者向けラベル。

# $percent: 英語のメッセージのうち翻訳済みの割合(0〜100)。
translation-completeness = { $percent }% 翻訳済み
# $count: 英語にはあるがこのロケールにはないテキストを持つ掲載の数。
translation-listings-lacking-text = 未翻訳のテキストがある掲載情報：{ $count }件

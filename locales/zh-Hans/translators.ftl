# GET /v1/locales 中给译者看的标签。

# $percent:已翻译的英文消息所占比例(0 到 100)。
translation-completeness = 已翻译 { $percent }%
# $count:有英文文本但缺少本语言文本的条目数。
translation-listings-lacking-text = { $count } 个条目缺少文本

# 访问规则的消息：译者密钥可以修改的范围。

problem-detail-forbidden-locale = 此密钥只能翻译 { $allowed }，不能修改“{ $locale }”的文本。
problem-detail-forbidden-source-locale = 原文（“{ $locale }”）由编辑修改；译者密钥只能修改其负责的语言区域。
problem-detail-forbidden-locale-removal = 只有编辑可以删除条目的“{ $locale }”文本。
field-error-source-locale = “{ $field }”不能包含原文的语言区域“{ $value }”：原文由编辑撰写。
field-error-hidden-character = “{ $field }”含有会改变文本显示方式的不可见控制字符（{ $value }），请删除。
problem-detail-busy = 目前正在生成的导出和订阅源过多，请几秒钟后再试。

# 导入：首尔市公共数据，以及译者提交的条目文本 Fluent 文件。

problem-detail-content-import-failed = 文件中发现 { $count } 个问题，未导入任何内容。请查看“errors”。
problem-detail-content-import-stale = 导入期间有条目被修改，未导入任何内容。请重新提交文件。
field-error-invalid-fluent = { $field }：无法作为 Fluent 文件读取（{ $reason }）。

## 首尔市公共数据(USE_LANG)中出现的语言

language-th = 泰语
language-id = 印度尼西亚语
language-ar = 阿拉伯语
language-pt = 葡萄牙语
language-uz = 乌兹别克语
language-tl = 他加禄语

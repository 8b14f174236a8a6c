# 编辑:认证、前提条件、输入校验、导入。

problem-title-unauthorized = 需要认证
problem-detail-unauthorized = 此请求需要有效的 API 密钥：请发送“Authorization: Bearer <密钥>”。

problem-title-forbidden = 不允许
problem-detail-forbidden = 您的 API 密钥的角色不允许此请求。
problem-detail-forbidden-translator = 译者密钥只能修改文本：PUT /v1/listings/{"{"}id{"}"}/content/{"{"}locale{"}"}，或只修改“texts”的 PATCH。
problem-detail-origin-not-allowed = 不接受来自此网页来源的写入。

problem-title-conflict = 冲突
problem-detail-conflict = ID 为“{ $id }”的条目已存在（包括已删除的条目）。
problem-detail-conflict-external-id = 此外部 ID 已被其他条目使用。

problem-title-precondition-failed = 条目已更改
problem-detail-precondition-failed = 您读取后条目已被更改，当前 ETag 为 { $etag }。请重新读取后再修改。

problem-title-precondition-required = 需要 If-Match
problem-detail-precondition-required = 请在“If-Match”中发送条目的 ETag，以免覆盖他人的修改。

problem-title-validation-failed = 字段无效
problem-detail-validation-failed = 有 { $count } 个字段无效，请查看“errors”。
problem-detail-import-failed = 发现 { $count } 个行问题，未导入任何内容。请查看“errors”。

problem-title-too-many-requests = 请求过多
problem-detail-too-many-requests = 写入过多，请在 { $seconds } 秒后重试。

problem-title-unsupported-media-type = 不支持的内容类型
problem-detail-unsupported-media-type = 此端点只读取 { $expected }。

problem-title-key-not-found = 未找到 API 密钥
problem-detail-key-not-found = 没有 ID 为 { $id } 的有效 API 密钥。

field-error-required = “{ $field }”为必填项。
field-error-too-long = “{ $field }”过长：最多 { $max } 个字符。
field-error-out-of-range = “{ $field }”必须在 { $min } 到 { $max } 之间。
field-error-invalid-format = { $expected ->
    [slug] “{ $field }”必须是用单个连字符连接的小写字母和数字，例如 seoul-global-center。
    [phone] “{ $field }”必须是国际格式的电话号码，例如 +82-2-2075-4112。
    [email] “{ $field }”必须是电子邮件地址。
    [url] “{ $field }”必须是 http 或 https 网址。
    [date-time] “{ $field }”必须是带时差的日期时间（RFC 3339），例如 2026-03-01T09:00:00+09:00。
    [date] “{ $field }”必须是日期，例如 2026-03-01。
    [language] “{ $field }”必须是语言代码（BCP 47），例如 en 或 zh。
    [language-list] “{ $field }”必须是用分号分隔的代码（en;ja）或 JSON 数组。
    [integer] “{ $field }”必须是整数。
    [number] “{ $field }”必须是数字。
    [boolean] “{ $field }”必须是 1、0、true 或 false。
    [csv] 此行不是有效的 UTF-8 CSV，或列数与表头不一致。
   *[other] “{ $field }”的格式不正确。
}
field-error-unknown-value = “{ $value }”不是“{ $field }”的已知值。
field-error-invalid-opening-hours = “{ $field }”不是 OpenStreetMap opening_hours 表达式（例如 Mo-Fr 09:00-18:00）。
field-error-wrong-order = “{ $field }”必须晚于“{ $other }”。
field-error-incomplete = “{ $field }”必须与“{ $other }”一起提供。
field-error-duplicate = “{ $field }”必须唯一：“{ $value }”已被使用。
field-error-not-allowed = 此处不能设置“{ $field }”。

# 错误标题(按代码固定)与详情(每次发生)。

problem-title-invalid-parameter = 参数无效
problem-detail-invalid-parameter = 无法读取查询参数或路径参数。
problem-detail-parameter-range = 参数“{ $parameter }”必须是{ $min }到{ $max }之间的整数。
problem-detail-parameter-unknown = “{ $value }”不是“{ $parameter }”的已知值。
problem-detail-parameter-malformed = “{ $parameter }”的值格式不正确。
problem-detail-parameter-form = “{ $parameter }”的值格式不正确，应写作“{ $example }”（格式：{ $form }）。
problem-detail-parameter-requires = 使用参数“{ $parameter }”时还须指定“{ $other }”。
problem-detail-parameter-conflicts = “{ $parameter }”不能与“{ $other }”同时使用。

problem-title-malformed-body = 请求正文无效
problem-detail-malformed-body = 请求正文不是格式正确的 JSON。

problem-title-payload-too-large = 请求正文过大
problem-detail-payload-too-large = 请求正文超过了此接口的上限。

problem-title-listing-not-found = 未找到条目
problem-detail-listing-not-found = 没有 ID 为“{ $id }”的条目。

problem-title-city-not-found = 未找到城市
problem-detail-city-not-found = 没有代码为“{ $city }”的城市。

problem-title-route-not-found = 未找到
problem-detail-route-not-found = 此地址不提供任何内容。API 说明见 /docs。

problem-title-method-not-allowed = 不允许的方法
problem-detail-method-not-allowed = 此处不允许使用 { $method }。允许的方法：{ $allowed }

problem-title-service-unavailable = 服务不可用
problem-detail-service-unavailable = 目前无法连接数据库，请稍后再试。

problem-title-internal = 内部错误
problem-detail-internal = 服务器端出现问题，已记录在案，请稍后再试。

# API 响应中代码值的名称以及含数量的表达。
# 中文的复数类别只有 [other]。

locale-name = 简体中文

## 类别

category-real_estate = 全球房地产中介事务所
category-job_cafe = 就业咖啡馆
category-incubator = 创业支持
category-contact_point = 咨询窗口

## 城市

city-seoul = 首尔
city-sejong = 世宗
city-busan = 釜山
city-belfast = 贝尔法斯特

## 工作人员使用的语言(BCP 47 代码)

language-en = 英语
language-ja = 日语
language-zh = 汉语
language-ko = 韩语
language-ru = 俄语
language-vi = 越南语
language-fr = 法语
language-mn = 蒙古语
language-es = 西班牙语
language-de = 德语

## 含数量的表达

listing-count = { $count }条
district-count = { $count }个区

## 对象、容量与入驻期

eligibility-age-range = { $min }至{ $max }岁
eligibility-age-min = { $min }岁及以上
eligibility-age-max = { $max }岁及以下
capacity-rooms = { $count }间
capacity-people = 可供{ $min }至{ $max }人使用
capacity-hours-per-day = 每人每天最多{ $hours }小时
capacity-teams = { $count }个团队
residency-months = 入驻期{ $months }个月
residency-max-months = 含延期最长{ $months }个月

## 申请期

application-window-upcoming = 尚未开始受理
application-window-open = 正在受理
application-window-closed = 已截止

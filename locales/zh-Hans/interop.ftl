# 互操作：HSDS 3.0 配置与申请期日历。

## HSDS 3.0 配置 (/hsds)

hsds-taxonomy-name = 目录分类
hsds-taxonomy-description = 外国居民服务目录收录的四类场所。
hsds-term-description-real-estate = 由市政府指定、有会说外语的工作人员的房地产中介事务所。
hsds-term-description-job-cafe = 为求职者提供的免费空间和项目。
hsds-term-description-incubator = 帮助海外创业者和企业创业的孵化空间、试验平台和项目。
hsds-term-description-contact-point = 可以咨询或获取信息的机构、中心和网站。
hsds-application-from-to = 申请期：{ $opens }至{ $closes }
hsds-application-from = 申请开始：{ $opens }
hsds-application-until = 申请截止：{ $closes }
hsds-interpretation = 工作人员可使用的语言：{ $languages }
hsds-alert-stale = 此信息最后核实于{ $date }，可能已有变化。
hsds-alert-unverified = 公开资料未注明此信息的核实日期，使用前请向相关机构确认。

## 申请期日历 (/v1/listings.ics)

ics-calendar-name = 申请期
ics-window = 申请期：{ $name }
ics-opening = 申请开始：{ $name }
ics-deadline = 申请截止：{ $name }
ics-opens-at = 申请开始：{ $date } { $time }（{ $zone }）
ics-closes-at = 申请截止：{ $date } { $time }（{ $zone }）

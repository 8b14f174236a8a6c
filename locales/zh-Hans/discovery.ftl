# 查找:以文字描述营业时间与申请期。分隔符加引号以保留空格。

## 营业时间

hours-weekday-mo = 周一
hours-weekday-tu = 周二
hours-weekday-we = 周三
hours-weekday-th = 周四
hours-weekday-fr = 周五
hours-weekday-sa = 周六
hours-weekday-su = 周日
hours-public-holidays = 法定节假日
hours-every-day = 每天
hours-day-range = { $first }至{ $last }
hours-day-separator = {"、"}
# $h:不补零的小时,$hh:两位小时,$mm:两位分钟。
hours-time = { $hh }:{ $mm }
hours-time-range = { $start }–{ $end }
hours-time-separator = {"、"}
hours-all-day = 24小时
hours-rule-open = { $days } { $times }
hours-rule-closed = { $days }休息
hours-rule-separator = {"；"}
hours-state-open = 开放中
hours-state-closed = 非开放时间
hours-state-unknown = 目前是否开放不明

## 申请期($days 按城市当地日期计算)

application-closes-in =
    { $days ->
        [0] 今天截止申请
       *[other] 距申请截止还有{ $days }天
    }
application-opens-in =
    { $days ->
        [0] 今天开始受理
       *[other] 距开始受理还有{ $days }天
    }
application-closed-on = 已于{ $date }截止申请
application-open-no-deadline = 正在受理（未公布截止日期）
date-ymd = { $year }年{ $month }月{ $day }日

# 検索・絞り込み:営業時間と募集期間の文章表現。区切り文字は引用符で囲む。

## 営業時間

hours-weekday-mo = 月
hours-weekday-tu = 火
hours-weekday-we = 水
hours-weekday-th = 木
hours-weekday-fr = 金
hours-weekday-sa = 土
hours-weekday-su = 日
hours-public-holidays = 祝日
hours-every-day = 毎日
hours-day-range = { $first }〜{ $last }
hours-day-separator = {"・"}
# $h:ゼロ埋めなしの時、$hh:2桁の時、$mm:2桁の分。
hours-time = { $h }:{ $mm }
hours-time-range = { $start }〜{ $end }
hours-time-separator = {"、"}
hours-all-day = 24時間
hours-rule-open = { $days } { $times }
hours-rule-closed = { $days }は休み
hours-rule-separator = {"、"}
hours-state-open = 営業中
hours-state-closed = 営業時間外
hours-state-unknown = 現在の営業状況は不明

## 募集期間($days は都市の暦日で数える)

application-closes-in =
    { $days ->
        [0] 本日締め切り
       *[other] 締め切りまであと{ $days }日
    }
application-opens-in =
    { $days ->
        [0] 本日受付開始
       *[other] 受付開始まであと{ $days }日
    }
application-closed-on = { $date }に受付終了
application-open-no-deadline = 受付中（締め切り日の公表なし）
date-ymd = { $year }年{ $month }月{ $day }日

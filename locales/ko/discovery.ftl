# 찾기: 운영 시간과 모집 기간을 문장으로. 구분자는 공백이 남도록 따옴표로 감쌉니다.

## 운영 시간

hours-weekday-mo = 월
hours-weekday-tu = 화
hours-weekday-we = 수
hours-weekday-th = 목
hours-weekday-fr = 금
hours-weekday-sa = 토
hours-weekday-su = 일
hours-public-holidays = 공휴일
hours-every-day = 매일
hours-day-range = { $first }~{ $last }
hours-day-separator = {"·"}
# $h: 0을 채우지 않은 시, $hh: 두 자리 시, $mm: 두 자리 분.
hours-time = { $hh }:{ $mm }
hours-time-range = { $start }~{ $end }
hours-time-separator = {", "}
hours-all-day = 24시간
hours-rule-open = { $days } { $times }
hours-rule-closed = { $days } 휴무
hours-rule-separator = {", "}
hours-state-open = 운영 중
hours-state-closed = 운영 시간 아님
hours-state-unknown = 현재 운영 여부 알 수 없음

## 모집 기간($days는 도시 기준 날짜로 셉니다)

application-closes-in =
    { $days ->
        [0] 오늘 접수 마감
       *[other] 접수 마감까지 { $days }일
    }
application-opens-in =
    { $days ->
        [0] 오늘 접수 시작
       *[other] 접수 시작까지 { $days }일
    }
application-closed-on = { $date }에 접수 마감
application-open-no-deadline = 접수 중(마감일 미공개)
date-ymd = { $year }년 { $month }월 { $day }일

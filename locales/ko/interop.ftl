# 상호 운용: HSDS 3.0 프로필과 신청 기간 캘린더.

## HSDS 3.0 프로필 (/hsds)

hsds-taxonomy-name = 디렉터리 분류
hsds-taxonomy-description = 외국인 주민 서비스 디렉터리에 실린 네 가지 장소 유형.
hsds-term-description-real-estate = 외국어가 가능한 직원이 있는 시 지정 부동산 중개사무소.
hsds-term-description-job-cafe = 구직자를 위한 무료 공간과 프로그램.
hsds-term-description-incubator = 해외 창업자와 기업의 창업을 돕는 창업보육공간, 테스트베드, 프로그램.
hsds-term-description-contact-point = 도움이나 정보를 얻을 수 있는 기관, 센터, 웹사이트.
hsds-application-from-to = 신청 기간: { $opens } ~ { $closes }
hsds-application-from = 신청 시작: { $opens }
hsds-application-until = 신청 마감: { $closes }
hsds-interpretation = 상담 가능 언어: { $languages }
hsds-alert-stale = 이 정보는 { $date }에 마지막으로 확인되었으며 바뀌었을 수 있습니다.
hsds-alert-unverified = 이 정보를 확인한 날짜는 공개 자료에 나와 있지 않습니다. 이용하기 전에 해당 기관에 확인하십시오.

## 신청 기간 캘린더 (/v1/listings.ics)

ics-calendar-name = 신청 기간
ics-window = 신청 기간: { $name }
ics-opening = 신청 시작: { $name }
ics-deadline = 신청 마감: { $name }
ics-opens-at = 신청 시작: { $date } { $time } ({ $zone })
ics-closes-at = 신청 마감: { $date } { $time } ({ $zone })

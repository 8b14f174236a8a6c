# API 응답에 들어가는 코드 값의 이름과 수를 포함한 표현.
# 한국어의 복수형 범주는 [other] 하나뿐입니다.

locale-name = 한국어

## 분류

category-real_estate = 글로벌 부동산 중개사무소
category-job_cafe = 일자리카페
category-incubator = 창업 지원
category-contact_point = 상담 창구

## 도시

city-seoul = 서울
city-sejong = 세종
city-busan = 부산
city-belfast = 벨파스트

## 직원 사용 언어 (BCP 47 코드)

language-en = 영어
language-ja = 일본어
language-zh = 중국어
language-ko = 한국어
language-ru = 러시아어
language-vi = 베트남어
language-fr = 프랑스어
language-mn = 몽골어
language-es = 스페인어
language-de = 독일어

## 수를 포함한 표현

listing-count = { $count }곳
district-count = { $count }개 구

## 대상·정원·입주 기간

eligibility-age-range = 만 { $min }~{ $max }세
eligibility-age-min = 만 { $min }세 이상
eligibility-age-max = 만 { $max }세 이하
capacity-rooms = { $count }실
capacity-people = { $min }~{ $max }인용
capacity-hours-per-day = 1인 1일 최대 { $hours }시간
capacity-teams = { $count }팀
residency-months = 입주 기간 { $months }개월
residency-max-months = 연장 포함 최장 { $months }개월

## 모집 기간

application-window-upcoming = 접수 전
application-window-open = 접수 중
application-window-closed = 접수 마감

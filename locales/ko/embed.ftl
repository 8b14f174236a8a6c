# 삽입형 위젯(GET /embed/listings)의 레이블.

embed-title = 외국인 주민을 위한 기관·시설
embed-skip-to-results = 검색 결과로 건너뛰기
embed-categories = 분류
embed-all-categories = 전체
embed-phone = 전화
embed-email = 이메일
embed-website = 웹사이트
embed-address = 주소
embed-opening-hours = 운영 시간
embed-languages = 상담 가능 언어
embed-applications = 신청 접수
embed-map = 지도
embed-map-link = OpenStreetMap에서 보기
embed-opens-in-new-tab = 새 탭에서 열림
embed-sample-note = 시연용 샘플 등록 정보입니다. 실제로 존재하지 않습니다.
embed-no-results = 이 조건에 맞는 등록 정보가 없습니다.
embed-pages = 페이지
embed-next-page = 다음 페이지
embed-first-page = 첫 페이지
embed-show-all = 전체 등록 정보 보기

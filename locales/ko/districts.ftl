# 서울특별시 25개 자치구.

district-seoul-jongno = 종로구
district-seoul-jung = 중구
district-seoul-yongsan = 용산구
district-seoul-seongdong = 성동구
district-seoul-gwangjin = 광진구
district-seoul-dongdaemun = 동대문구
district-seoul-jungnang = 중랑구
district-seoul-seongbuk = 성북구
district-seoul-gangbuk = 강북구
district-seoul-dobong = 도봉구
district-seoul-nowon = 노원구
district-seoul-eunpyeong = 은평구
district-seoul-seodaemun = 서대문구
district-seoul-mapo = 마포구
district-seoul-yangcheon = 양천구
district-seoul-gangseo = 강서구
district-seoul-guro = 구로구
district-seoul-geumcheon = 금천구
district-seoul-yeongdeungpo = 영등포구
district-seoul-dongjak = 동작구
district-seoul-gwanak = 관악구
district-seoul-seocho = 서초구
district-seoul-gangnam = 강남구
district-seoul-songpa = 송파구
district-seoul-gangdong = 강동구

# Names of Seoul's 25 autonomous districts (gu).

district-seoul-jongno = Jongno-gu
district-seoul-jung = Jung-gu
district-seoul-yongsan = Yongsan-gu
district-seoul-seongdong = Seongdong-gu
district-seoul-gwangjin = Gwangjin-gu
district-seoul-dongdaemun = Dongdaemun-gu
district-seoul-jungnang = Jungnang-gu
district-seoul-seongbuk = Seongbuk-gu
district-seoul-gangbuk = Gangbuk-gu
district-seoul-dobong = Dobong-gu
district-seoul-nowon = Nowon-gu
district-seoul-eunpyeong = Eunpyeong-gu
district-seoul-seodaemun = Seodaemun-gu
district-seoul-mapo = Mapo-gu
district-seoul-yangcheon = Yangcheon-gu
district-seoul-gangseo = Gangseo-gu
district-seoul-guro = Guro-gu
district-seoul-geumcheon = Geumcheon-gu
district-seoul-yeongdeungpo = Yeongdeungpo-gu
district-seoul-dongjak = Dongjak-gu
district-seoul-gwanak = Gwanak-gu
district-seoul-seocho = Seocho-gu
district-seoul-gangnam = Gangnam-gu
district-seoul-songpa = Songpa-gu
district-seoul-gangdong = Gangdong-gu

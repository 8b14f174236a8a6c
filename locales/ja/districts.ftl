# ソウル特別市の25の自治区。

district-seoul-jongno = 鍾路区
district-seoul-jung = 中区
district-seoul-yongsan = 龍山区
district-seoul-seongdong = 城東区
district-seoul-gwangjin = 広津区
district-seoul-dongdaemun = 東大門区
district-seoul-jungnang = 中浪区
district-seoul-seongbuk = 城北区
district-seoul-gangbuk = 江北区
district-seoul-dobong = 道峰区
district-seoul-nowon = 蘆原区
district-seoul-eunpyeong = 恩平区
district-seoul-seodaemun = 西大門区
district-seoul-mapo = 麻浦区
district-seoul-yangcheon = 陽川区
district-seoul-gangseo = 江西区
district-seoul-guro = 九老区
district-seoul-geumcheon = 衿川区
district-seoul-yeongdeungpo = 永登浦区
district-seoul-dongjak = 銅雀区
district-seoul-gwanak = 冠岳区
district-seoul-seocho = 瑞草区
district-seoul-gangnam = 江南区
district-seoul-songpa = 松坡区
district-seoul-gangdong = 江東区

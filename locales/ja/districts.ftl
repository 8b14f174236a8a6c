# ソウル特別市の25の自治区。韓国語の読みをカタカナで、漢字を括弧内に書く
# (ソウル市の日本語資料と同じ書き方。例:ヨンサン(龍山)区)。

district-seoul-jongno = チョンノ（鍾路）区
district-seoul-jung = チュン（中）区
district-seoul-yongsan = ヨンサン（龍山）区
district-seoul-seongdong = ソンドン（城東）区
district-seoul-gwangjin = クァンジン（広津）区
district-seoul-dongdaemun = トンデムン（東大門）区
district-seoul-jungnang = チュンナン（中浪）区
district-seoul-seongbuk = ソンブク（城北）区
district-seoul-gangbuk = カンブク（江北）区
district-seoul-dobong = トボン（道峰）区
district-seoul-nowon = ノウォン（蘆原）区
district-seoul-eunpyeong = ウンピョン（恩平）区
district-seoul-seodaemun = ソデムン（西大門）区
district-seoul-mapo = マポ（麻浦）区
district-seoul-yangcheon = ヤンチョン（陽川）区
district-seoul-gangseo = カンソ（江西）区
district-seoul-guro = クロ（九老）区
district-seoul-geumcheon = クムチョン（衿川）区
district-seoul-yeongdeungpo = ヨンドゥンポ（永登浦）区
district-seoul-dongjak = トンジャク（銅雀）区
district-seoul-gwanak = クァナク（冠岳）区
district-seoul-seocho = ソチョ（瑞草）区
district-seoul-gangnam = カンナム（江南）区
district-seoul-songpa = ソンパ（松坡）区
district-seoul-gangdong = カンドン（江東）区

# GET /v1/locales의 번역자용 레이블.

# $percent: 영어 메시지 중 번역된 비율(0~100).
translation-completeness = { $percent }% 번역됨
# $count: 영어에는 있고 이 로케일에는 없는 텍스트가 있는 등록 정보 수.
translation-listings-lacking-text = 번역되지 않은 텍스트가 있는 등록 정보 { $count }곳

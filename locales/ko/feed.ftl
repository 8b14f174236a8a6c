# 확인 신고: 누구나 보낼 수 있는 등록 정보 신고와 편집자의 처리 대기열.

report-received = 신고해 주셔서 감사합니다. 편집자가 확인하겠습니다.

problem-title-report-not-found = 신고를 찾을 수 없습니다
problem-detail-report-not-found = ID가 “{ $id }”인 신고가 없습니다.
problem-detail-report-resolved = 이 신고는 이미 처리되었습니다.
problem-detail-report-listing-busy = 이 신고를 처리하는 동안 등록 정보가 계속 바뀌고 있습니다. 잠시 후 다시 시도해 주세요.

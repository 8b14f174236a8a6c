# API レスポンスに含まれるコード値のラベルと、数を含む表現。
# 日本語の複数形カテゴリは [other] のみ。

locale-name = 日本語

## カテゴリ

category-real_estate = グローバル不動産仲介事務所
category-job_cafe = 雇用カフェ
category-incubator = 創業支援
category-contact_point = 相談窓口

## 都市

city-seoul = ソウル
city-sejong = 世宗
city-busan = 釜山
city-belfast = ベルファスト

## スタッフの対応言語(BCP 47 コード)

language-en = 英語
language-ja = 日本語
language-zh = 中国語
language-ko = 韓国語
language-ru = ロシア語
language-vi = ベトナム語
language-fr = フランス語
language-mn = モンゴル語
language-es = スペイン語
language-de = ドイツ語

## 数を含む表現

listing-count = { $count }件
district-count = { $count }区

## 対象・定員・入居期間

eligibility-age-range = { $min }歳〜{ $max }歳
eligibility-age-min = { $min }歳以上
eligibility-age-max = { $max }歳以下
capacity-rooms = { $count }室
capacity-people = { $min }人〜{ $max }人用
capacity-hours-per-day = 1人1日最大{ $hours }時間
capacity-teams = { $count }チーム
residency-months = 入居期間{ $months }か月
residency-max-months = 延長を含め最長{ $months }か月

## 募集期間

application-window-upcoming = 受付開始前
application-window-open = 受付中
application-window-closed = 受付終了

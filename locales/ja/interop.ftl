# 相互運用：HSDS 3.0 プロファイルと申請受付期間のカレンダー。

## HSDS 3.0 プロファイル (/hsds)

hsds-taxonomy-name = ディレクトリの分類
hsds-taxonomy-description = 外国人住民向けサービスディレクトリに掲載される4種類の施設。
hsds-term-description-real-estate = 外国語を話せるスタッフがいる、市指定の不動産仲介事務所。
hsds-term-description-job-cafe = 求職者のための無料スペースとプログラム。
hsds-term-description-incubator = 海外からの創業者や企業の創業を支援するインキュベーター、テストベッド、プログラム。
hsds-term-description-contact-point = 相談や情報提供を受けられる窓口・センター・ウェブサイト。
hsds-application-from-to = 申請受付期間：{ $opens }〜{ $closes }
hsds-application-from = 申請受付開始：{ $opens }
hsds-application-until = 申請締切：{ $closes }
hsds-interpretation = 対応言語：{ $languages }
hsds-alert-stale = この情報は{ $date }に確認されたもので、変更されている可能性があります。
hsds-alert-unverified = この情報を確認した日付は公表資料に記載されていません。利用する前に、団体に確認してください。

## 申請受付期間のカレンダー (/v1/listings.ics)

ics-calendar-name = 申請受付期間
ics-window = 申請受付：{ $name }
ics-opening = 申請受付開始：{ $name }
ics-deadline = 申請締切：{ $name }
ics-opens-at = 申請受付開始：{ $date } { $time }（{ $zone }）
ics-closes-at = 申請締切：{ $date } { $time }（{ $zone }）

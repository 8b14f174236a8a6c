# 嵌入式组件(GET /embed/listings)的标签。

embed-title = 外籍居民服务机构
embed-skip-to-results = 跳到搜索结果
embed-categories = 类别
embed-all-categories = 全部
embed-phone = 电话
embed-email = 电子邮件
embed-website = 网站
embed-address = 地址
embed-opening-hours = 开放时间
embed-languages = 服务语言
embed-applications = 申请受理
embed-map = 地图
embed-map-link = 在 OpenStreetMap 上查看
embed-opens-in-new-tab = 在新标签页中打开
embed-sample-note = 演示用示例条目，并非真实存在。
embed-no-results = 没有符合这些条件的条目。
embed-pages = 页面
embed-next-page = 下一页
embed-first-page = 第一页
embed-show-all = 显示全部条目

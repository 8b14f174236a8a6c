# 核实报告:任何人都可以就条目提交的报告,以及编辑的待处理队列。

report-received = 感谢您的报告。编辑会尽快核实。

problem-title-report-not-found = 未找到报告
problem-detail-report-not-found = 没有 ID 为“{ $id }”的报告。
problem-detail-report-resolved = 此报告已处理。
problem-detail-report-listing-busy = 处理此报告期间条目不断被修改，请稍后再试。

// The dashboard: controls, headline figures, charts, the per-reviewer table, the reviewer's personal
// card, and the definition of every figure (METRIC_DEFINITIONS in src/domain/metrics.ts points here).
import type { Catalogue } from './types';

const en = {
  dashboard: {
    title: 'Dashboard',
    periodLine: '%{period} (compared with %{previous}), time zone %{tz}',
    error: 'The metrics could not be loaded: %{message}',
    definition: 'How "%{name}" is counted',
    controls: {
      label: 'Dashboard period and filters',
      range: 'Period',
      presets: {
        today: 'Today',
        '7d': '7 days',
        '30d': '30 days',
        '90d': '90 days',
        custom: 'Custom',
      },
      from: 'From',
      to: 'To (inclusive)',
      granularity: 'Granularity',
      granularities: { day: 'By day', week: 'By week' },
      reasonCategory: 'Refund reason',
      paymentChannel: 'Payment channel',
      submissionChannel: 'Submitted via',
      reviewer: 'Reviewer',
      all: 'All',
      allReviewers: 'All reviewers',
      clear: 'Clear filters',
    },
    kpi: {
      label: 'Headline figures',
      submitted: 'Requests submitted',
      decidedCount: '%{count} decision |||| %{count} decisions',
      approvalRate: 'Approval rate',
      latency: 'Review latency (median)',
      latencyP90: 'p90 %{p90}',
      slaCompliance: 'First decision within 24 h',
      backlog: 'Open backlog',
      breaches: '%{count} past the SLA |||| %{count} past the SLA',
      asOfNow: 'As of now',
      refunded: 'Refunded',
      partialShare: '%{share} of approvals partial',
      overturnRate: 'Complaint overturn rate',
      complaintsOpened: '%{count} complaint opened |||| %{count} complaints opened',
      delta: '%{delta} vs previous period',
      noPrevious: 'Nothing to compare with',
      openList: 'Show these requests',
      expectationHeld: 'Decided by the expected time',
      expectationMissed: 'Missed by p50 %{p50} · p90 %{p90}',
      expectationNone: 'None missed',
      expectationOf: 'of %{count} told an expected time',
      csat: 'Customer satisfaction',
      csatOf: 'of %{count} rating |||| of %{count} ratings',
    },
    outcomes: {
      approved: 'Approved',
      partially_approved: 'Partially approved',
      rejected: 'Rejected',
      info_requested: 'Information requested',
    },
    backlogAge: {
      under4h: 'Under 4 h',
      h4to24: '4–24 h',
      d1to3: '1–3 days',
      over3d: 'Over 3 days',
    },
    segments: {
      inHours: 'In working hours',
      offHours: 'Off-hours',
      peak: 'Peak hours',
      offPeak: 'Off-peak',
      tipping: 'Tipping',
      notTipping: 'Other reasons',
    },
    units: {
      hours: '%{value} h',
      pp: '%{value} pp',
      score: '%{value} / 5',
    },
    chart: {
      view: 'View of %{name}',
      chartView: 'Chart',
      tableView: 'Table view',
      exportCsv: 'Export CSV',
      exportCsvOf: 'Export %{name} as CSV',
      bucket: 'Period',
    },
    series: {
      submitted: 'Submitted',
      overall: 'All reasons',
      p50: 'Median (p50)',
      p90: 'p90',
      slaCompliance: 'Within 24 h',
      age: 'Age since submission',
      open: 'Open requests',
      refunded: 'Refunded',
      partialShare: 'Partial share',
      complaintsOpened: 'Complaints opened',
      complaintsResolved: 'Complaints resolved',
      escalationRate: 'Escalation rate',
      overturnRate: 'Overturn rate',
      resolutionP50: 'Median resolution time',
      segment: 'Waits that began',
      waits: 'Decided requests',
      weekday: 'Day',
      hour: 'Hour',
      decisions: 'Decisions',
      net: 'Submitted − decided',
      csatAverage: 'Average rating',
      ratings: 'Ratings',
    },
    charts: {
      volume: {
        title: 'Volume: decisions by outcome',
        summary:
          'Bar chart of decisions per period stacked by outcome, with submissions as a line: %{submitted} submitted and %{decided} decisions in %{period}.',
      },
      approval: {
        title: 'Approval rate',
        summary:
          'Line chart of the approval rate per period, overall and by refund reason: %{rate} over %{period}.',
      },
      latency: {
        title: 'Review latency',
        summary:
          'Line chart of the median and 90th percentile review latency per period against the 24-hour SLA: median %{p50}, p90 %{p90}, %{sla} within 24 h over %{period}.',
        sla: 'SLA 24 h',
      },
      backlog: {
        title: 'Open backlog by age',
        summary:
          'Bar chart of the open requests by age since submission: %{total} open, %{breaches} past the SLA.',
      },
      refunded: {
        title: 'Refunded amount',
        summary: 'Bar chart of the amount paid out per period: %{amount} in %{period}.',
      },
      segments: {
        title: 'Review time by segment',
        summary:
          'Bar chart of the median and p90 wait for a decision by when the wait began, over %{period}: off-hours %{offHours} against %{inHours} in working hours, peak %{peak} against %{offPeak} off-peak, tipping %{tipping} against %{notTipping} for other reasons (medians).',
      },
      heatMap: {
        title: 'Where the backlog builds: hour of the week',
        summary:
          'Heat map of submissions against decisions per hour of the week (%{tz}), over %{period}: %{submitted} submitted, %{decided} decided; the backlog grows most on %{day} at %{hour} (%{net} more submitted than decided).',
        cell: '%{day} %{hour}: %{submitted} submitted, %{decided} decided',
        tooltipLine: '%{day}: %{submitted} submitted, %{decided} decided',
        grows: 'More submitted than decided (the backlog grows)',
        shrinks: 'More decided than submitted',
      },
      csat: {
        title: 'Customer satisfaction by reviewer, reason and outcome',
        summary:
          'Bar chart of the average customer rating (1 to 5) by %{dimension}, over %{period}: %{average} overall from %{count} ratings.',
      },
      complaints: {
        title: 'Complaints and overturns',
        summary:
          'Bars of complaints opened per period with the overturn and escalation rates as lines: %{opened} opened, %{overturn} of resolutions overturned, %{escalation} escalated, over %{period}.',
      },
    },
    reviewers: {
      title: 'Per reviewer',
      reviewer: 'Reviewer',
      decisions: 'Decisions',
      approvalRate: 'Approval rate',
      latencyP50: 'Median latency',
      slaCompliance: 'Within 24 h',
      overturnRate: 'Overturned later',
      againstSuggestion: 'Against the policy suggestion',
      againstSuggestionShare: 'Share against the policy suggestion',
      empty: 'No decisions in this period.',
    },
    csat: {
      by: { reviewer: 'Reviewer', reasonCategory: 'Refund reason', outcome: 'Outcome' },
      /** the dimension inside the chart's sentence */
      byWord: { reviewer: 'reviewer', reasonCategory: 'refund reason', outcome: 'outcome' },
      dimension: 'What %{name} is grouped by',
      noReviewer: 'No reviewer (information timeout)',
      ratings: '%{count} rating |||| %{count} ratings',
    },
    personal: {
      title: 'My work',
      decisionsToday: 'My decisions today',
      medianLatency: 'My median review latency',
      last7days: 'Last 7 days',
      queue: 'My queue',
      queueNote: 'Open requests assigned to me',
      csat: 'My customers’ satisfaction',
      csatOf: 'of %{count} rating, last 7 days |||| of %{count} ratings, last 7 days',
    },
    definitions: {
      submitted: 'Refund requests submitted in the period (by submission time).',
      decided:
        'Decisions by staff: approve, reject or request information, counted at the time of the decision. An approval is partial when the amount is below the refundable amount. An approval that a supervisor sent back is not counted; the automatic rejection after 7 days without a reply is not a decision.',
      approvalRate:
        'Approvals (full and partial) divided by all decisions, information requests included. Empty when there were no decisions.',
      latency:
        'Hours from the start of the SLA clock (submission, or the customer’s latest reply) to the first decision after it: time waiting for the customer is not counted. p50 and p90 by the nearest-rank method, in the period of the decision.',
      slaCompliance: 'Share of those first decisions made within 24 hours of the start of the SLA clock.',
      breachesOpen: 'Pending or in-review requests whose SLA due time has passed, now.',
      backlog:
        'Requests still open now (pending, in review, awaiting information, awaiting a second approval), by age since submission.',
      refundedFen: 'Sum of the payouts made in the period.',
      partialShare: 'Partial approvals divided by all approvals.',
      complaintsOpened: 'Complaints opened in the period.',
      escalationRate:
        'Of the complaints opened in the period, the share escalated (level 2, or escalated by a supervisor or the timer).',
      overturnRate:
        'Of the complaints resolved in the period, the share resolved as overturned or partially overturned.',
      complaintResolutionHours:
        'Median hours from opening to resolution of the complaints resolved in the period.',
      reviewerOverturnRate:
        'Per reviewer: of the requests they decided in the period, the share later overturned after a complaint.',
      againstSuggestion: 'Decisions that went against the policy suggestion, with the reviewer’s reason.',
      previous: 'The period of the same length just before the one shown.',
      expectationAccuracy:
        'Of the requests decided by staff in the period that were told an expected decision time when they were submitted (and never waited for the customer), the share decided by that time; for the others, how many hours late (p50 and p90, nearest rank).',
      segmentLatency:
        'Of the requests decided by staff in the period: hours from the start of the SLA clock (submission, or the customer’s latest reply) to the decision taking effect, so a tipping or large approval includes the wait for the second approval. Sorted by when the wait began: inside or outside the working hours of the SLA calendar, in a peak hour (the busiest tenth of working hours by submissions) or not, and whether the request is about a tip. p50 and p90 by the nearest-rank method, in wall-clock hours.',
      heatMap:
        'Requests submitted and decided by staff in the period, per local hour of the week in the dashboard’s time zone. A cell is warm where more arrived than were decided (the backlog grew) and cool where fewer did.',
      csat: 'Customer satisfaction: the mean of the 1–5 ratings customers gave the decisions that took effect in the period (a rating given later counts in the period of its decision), to two decimals, with how many ratings. By reviewer: whose decision was rated (a supervisor’s overturn after a complaint is theirs; the automatic rejection after 7 days without a reply has no reviewer). By reason: the request’s refund reason. By outcome: approved, partially approved or rejected, as the customer was told.',
    },
  },
};

const zh: Catalogue<typeof en> = {
  dashboard: {
    title: '数据看板',
    periodLine: '%{period}（对比 %{previous}），时区 %{tz}',
    error: '无法加载指标：%{message}',
    definition: '“%{name}”的统计口径',
    controls: {
      label: '看板时间范围与筛选',
      range: '时间范围',
      presets: {
        today: '今天',
        '7d': '7 天',
        '30d': '30 天',
        '90d': '90 天',
        custom: '自定义',
      },
      from: '开始日期',
      to: '结束日期（含）',
      granularity: '粒度',
      granularities: { day: '按天', week: '按周' },
      reasonCategory: '退款原因',
      paymentChannel: '支付渠道',
      submissionChannel: '提交渠道',
      reviewer: '审核员',
      all: '全部',
      allReviewers: '全部审核员',
      clear: '清除筛选',
    },
    kpi: {
      label: '核心指标',
      submitted: '提交的退款申请',
      decidedCount: '%{count} 个决定',
      approvalRate: '通过率',
      latency: '审核时长（中位数）',
      latencyP90: 'p90 %{p90}',
      slaCompliance: '24 小时内首次处理',
      backlog: '待处理积压',
      breaches: '%{count} 个已超处理时限',
      asOfNow: '截至现在',
      refunded: '已退款金额',
      partialShare: '%{share} 的通过为部分通过',
      overturnRate: '投诉改判率',
      complaintsOpened: '新增投诉 %{count} 个',
      delta: '较上一周期 %{delta}',
      noPrevious: '无可对比数据',
      openList: '查看这些申请',
      expectationHeld: '按预计时间完成审核',
      expectationMissed: '超出预计 p50 %{p50} · p90 %{p90}',
      expectationNone: '没有超出预计',
      expectationOf: '共 %{count} 个告知了预计审核完成时间',
      csat: '客户满意度',
      csatOf: '共 %{count} 条评价',
    },
    outcomes: {
      approved: '通过',
      partially_approved: '部分通过',
      rejected: '驳回',
      info_requested: '要求补充资料',
    },
    backlogAge: {
      under4h: '4 小时内',
      h4to24: '4–24 小时',
      d1to3: '1–3 天',
      over3d: '3 天以上',
    },
    segments: {
      inHours: '工作时间内',
      offHours: '非工作时间',
      peak: '高峰时段',
      offPeak: '非高峰',
      tipping: '打赏',
      notTipping: '其他原因',
    },
    units: {
      hours: '%{value} 小时',
      pp: '%{value} 个百分点',
      score: '%{value} / 5 分',
    },
    chart: {
      view: '%{name}的显示方式',
      chartView: '图表',
      tableView: '表格视图',
      exportCsv: '导出 CSV',
      exportCsvOf: '将%{name}导出为 CSV',
      bucket: '时段',
    },
    series: {
      submitted: '提交',
      overall: '全部原因',
      p50: '中位数（p50）',
      p90: 'p90',
      slaCompliance: '24 小时内',
      age: '提交至今',
      open: '待处理申请',
      refunded: '已退款',
      partialShare: '部分通过占比',
      complaintsOpened: '新增投诉',
      complaintsResolved: '已处理投诉',
      escalationRate: '升级率',
      overturnRate: '改判率',
      resolutionP50: '处理时长中位数',
      segment: '等待开始于',
      waits: '已决定的申请',
      weekday: '星期',
      hour: '时段',
      decisions: '决定',
      net: '提交 − 决定',
      csatAverage: '平均评分',
      ratings: '评价数',
    },
    charts: {
      segments: {
        title: '分段审核时长',
        summary:
          '柱状图：按等待开始时间分段的决定等待时长中位数和 p90，%{period}：非工作时间 %{offHours}，工作时间 %{inHours}；高峰 %{peak}，非高峰 %{offPeak}；打赏 %{tipping}，其他原因 %{notTipping}（中位数）。',
      },
      heatMap: {
        title: '积压在哪里形成：一周中的各小时',
        summary:
          '热力图：一周各小时（%{tz}）的提交数与决定数，%{period}：提交 %{submitted} 个，决定 %{decided} 个；积压增长最多的是%{day} %{hour}（提交比决定多 %{net} 个）。',
        cell: '%{day} %{hour}：提交 %{submitted} 个，决定 %{decided} 个',
        tooltipLine: '%{day}：提交 %{submitted} 个，决定 %{decided} 个',
        grows: '提交多于决定（积压增长）',
        shrinks: '决定多于提交',
      },
      volume: {
        title: '处理量：按结果分类的决定',
        summary:
          '柱状图：各时段按结果堆叠的决定数，折线为提交数。%{period} 共提交 %{submitted} 个，做出 %{decided} 个决定。',
      },
      approval: {
        title: '通过率',
        summary: '折线图：各时段的通过率，整体及按退款原因。%{period} 通过率为 %{rate}。',
      },
      latency: {
        title: '审核时长',
        summary:
          '折线图：各时段审核时长的中位数和第 90 百分位，对照 24 小时处理时限。%{period} 中位数 %{p50}，p90 %{p90}，%{sla} 在 24 小时内处理。',
        sla: '处理时限 24 小时',
      },
      backlog: {
        title: '按时长的待处理积压',
        summary: '柱状图：按提交至今时长统计的待处理申请。共 %{total} 个待处理，%{breaches} 个已超处理时限。',
      },
      refunded: {
        title: '退款金额',
        summary: '柱状图：各时段的退款到账金额。%{period} 共 %{amount}。',
      },
      csat: {
        title: '按审核员、原因和结果的客户满意度',
        summary:
          '柱状图：按%{dimension}统计的客户平均评分（1–5 分），%{period}：整体 %{average}，共 %{count} 条评价。',
      },
      complaints: {
        title: '投诉与改判',
        summary:
          '柱状图为各时段新增投诉数，折线为改判率和升级率。%{period} 新增 %{opened} 个投诉，%{overturn} 的处理结果为改判，%{escalation} 被升级。',
      },
    },
    reviewers: {
      title: '按审核员',
      reviewer: '审核员',
      decisions: '决定数',
      approvalRate: '通过率',
      latencyP50: '审核时长中位数',
      slaCompliance: '24 小时内',
      overturnRate: '后被改判',
      againstSuggestion: '未采纳政策建议',
      againstSuggestionShare: '未采纳政策建议占比',
      empty: '该时间段内没有决定。',
    },
    csat: {
      by: { reviewer: '审核员', reasonCategory: '退款原因', outcome: '结果' },
      byWord: { reviewer: '审核员', reasonCategory: '退款原因', outcome: '结果' },
      dimension: '%{name}的分组方式',
      noReviewer: '无审核员（逾期未补充资料）',
      ratings: '%{count} 条评价',
    },
    personal: {
      title: '我的工作',
      decisionsToday: '我今天的决定',
      medianLatency: '我的审核时长中位数',
      last7days: '最近 7 天',
      queue: '我的队列',
      queueNote: '分配给我的待处理申请',
      csat: '我的客户满意度',
      csatOf: '最近 7 天共 %{count} 条评价',
    },
    definitions: {
      submitted: '该时间段内提交的退款申请（按提交时间）。',
      decided:
        '员工做出的决定：通过、驳回或要求补充资料，按决定时间统计。通过金额低于可退金额即为部分通过。被主管退回的通过不计入；客户 7 天未回复而自动驳回不算决定。',
      approvalRate: '通过（全部通过与部分通过）除以全部决定（含要求补充资料）。没有决定时为空。',
      latency:
        '从处理时限起算时间（提交时间，或客户最近一次回复时间）到其后第一个决定的小时数：等待客户的时间不计入。p50 和 p90 采用最近秩法，计入决定所在的时段。',
      slaCompliance: '上述首次决定中，在处理时限起算后 24 小时内做出的占比。',
      breachesOpen: '当前已超过处理时限的待审核或审核中申请。',
      backlog: '当前仍未完结的申请（待审核、审核中、等待补充资料、等待复核），按提交至今时长分组。',
      refundedFen: '该时间段内退款到账金额之和。',
      partialShare: '部分通过数除以全部通过数。',
      complaintsOpened: '该时间段内新增的投诉。',
      escalationRate: '该时间段内新增的投诉中被升级的占比（二级投诉，或由主管或超时自动升级）。',
      overturnRate: '该时间段内处理完结的投诉中，结果为改判或部分改判的占比。',
      complaintResolutionHours: '该时间段内处理完结的投诉，从受理到处理完结小时数的中位数。',
      reviewerOverturnRate: '按审核员：其在该时间段内决定的申请中，后因投诉被改判的占比。',
      againstSuggestion: '未采纳政策建议的决定（审核员需说明理由）。',
      previous: '紧接在所示时间段之前、长度相同的时间段。',
      expectationAccuracy:
        '该时间段内由员工做出决定、提交时已告知预计审核完成时间（且未等待客户补充资料）的申请中，在预计时间前完成审核的占比；其余申请超出预计的小时数（p50 与 p90，最近秩法）。',
      segmentLatency:
        '该时间段内由员工做出决定的申请：从处理时限计时开始（提交，或客户最近一次回复）到决定生效的小时数，打赏或大额通过包含等待二次审批的时间。按等待开始的时间分段：是否在 SLA 日历的工作时间内、是否在高峰时段（按提交数最繁忙的前十分之一工作小时），以及是否为打赏申请。p50 与 p90 按最近秩法计算，单位为自然小时。',
      heatMap:
        '该时间段内提交的申请与员工做出的决定，按仪表盘时区中一周的各小时统计。提交多于决定（积压增长）的格子为暖色，少于决定的为冷色。',
      csat: '客户满意度：客户对该时间段内生效的决定给出的 1–5 分评价的平均分（之后才给出的评价计入其决定所在的时间段），保留两位小数，并显示评价数。按审核员：被评价的决定由谁做出（投诉后主管改判的决定归该主管；客户 7 天未补充资料而自动驳回的没有审核员）。按原因：申请的退款原因。按结果：告知客户的通过、部分通过或驳回。',
    },
  },
};

export default { en, zh };

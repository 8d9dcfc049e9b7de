import { deepFreeze } from '../../core/freeze.js';
import type { PlanCatalog } from './types.js';

/**
 * The English texts of the retention plan.
 *
 * @internal
 */
export const en: PlanCatalog = deepFreeze<PlanCatalog>({
  plan: {
    title: 'Customer retention plan',
    measureFirst:
      'Targets need a baseline. Measure these metrics first, starting with the first one listed, then rebuild the plan:',
    decrease: 'lower is better',
    increase: 'higher is better',
    segmentPriority:
      'Segments are listed by priority, taken from the segment report: the larger a segment’s share of revenue, the sooner it needs attention; at equal shares of revenue, the segment with the larger share of customers comes first.',
  },
  steps: {
    'data-collection': {
      title: 'Collect customer data',
      description:
        'Bring together what you know about customers and how they buy: orders, contacts with support, survey answers and reviews. Every later step is only as good as this data.',
      tasks: [
        'Export the full order history from the CRM or shop backend, one row per order with customer id, date and amount.',
        'Agree on one definition of an active customer and of the reporting period.',
        'Compute the baseline churn, retention, repeat-purchase rate and average order value.',
        'Gather support tickets, survey answers and public reviews in one place.',
      ],
      example:
        'An online shop joins its CRM export with support tickets and finds that a third of last quarter’s buyers never ordered again.',
    },
    segmentation: {
      title: 'Segment the customer base',
      description:
        'Split customers into groups that behave differently and deserve different treatment: VIP, new, at-risk and lapsed customers at the very least.',
      tasks: [
        'Score customers by recency, frequency and spend.',
        'Assign every customer to exactly one segment and record why.',
        'Compare segments by size and by share of revenue.',
        'Pick the segments that need attention first.',
      ],
      example:
        'A retailer finds that a fifth of its customers bring in most of the revenue and makes them a separate VIP group.',
    },
    'churn-analysis': {
      title: 'Find out why customers leave',
      description:
        'Work out what actually drives people away. Price is rarely the whole story: slow support, a confusing product or unmet expectations are just as common, and many customers leave without saying why.',
      tasks: [
        'Interview or survey customers who stopped buying.',
        'Read complaints and reviews and group them by cause.',
        'Look for the point in the customer journey where people drop off.',
        'Check what competitors offer the customers you lose.',
        'Rank the causes by how many customers and how much revenue they cost.',
      ],
      example:
        'Exit calls at a subscription service show that most cancellations follow a redesign that made the app harder to use.',
    },
    strategy: {
      title: 'Design the retention strategy',
      description:
        'Choose retention measures for each segment, aimed at the causes found, with a budget and a measurable goal for each.',
      tasks: [
        'Match every major churn cause with at least one measure that addresses it.',
        'Write down a target for each segment: who, what change, by when.',
        'Set a budget and decide what will be tested before a full rollout.',
        'Get top management to approve goals and resources.',
      ],
      example:
        'Personal offers for VIP customers, extra services for regular ones and a welcome series for newcomers.',
    },
    implementation: {
      title: 'Launch the measures',
      description:
        'Put the chosen measures into practice, starting small: test on part of the audience, compare with a control group, then roll out what works.',
      tasks: [
        'Run each new offer or campaign on a test group with a control group.',
        'Prepare templates, scripts and offers for the teams that talk to customers.',
        'Roll out the measures that beat the control group.',
        'Record what was launched, when, and for which segment.',
      ],
      example: 'Personalised e-mails based on each customer’s purchase history.',
    },
    monitoring: {
      title: 'Track results',
      description:
        'Follow the KPIs against their baselines and targets, and keep listening to customers, so that you see early whether the plan is working.',
      tasks: [
        'Update churn, retention and repeat-purchase figures every review period.',
        'Break the figures down by segment.',
        'Collect feedback after key moments: first order, complaint, renewal.',
        'Share a short KPI report with everyone who owns a step.',
      ],
      example: 'A dashboard of monthly churn per segment, reviewed by the whole team.',
    },
    adjustment: {
      title: 'Adjust the plan',
      description:
        'Change the plan when the numbers or the market change: drop what does not work, scale up what does and react quickly to new problems.',
      tasks: [
        'Stop or rework measures that missed their target.',
        'Move budget to the measures with the best results.',
        'React to sudden jumps in churn within the same period.',
        'Write down every change and the reason for it.',
      ],
      example:
        'When churn spikes because of late deliveries, the shop adds compensation and faster shipping within a month.',
    },
    'team-training': {
      title: 'Train the team',
      description:
        'Give the people who deal with customers the skills to notice dissatisfaction early and to resolve it: consulting, handling objections and conflicts.',
      tasks: [
        'Run regular training on handling objections and complaints.',
        'Teach staff the warning signs that a customer is about to leave.',
        'Share churn causes and customer feedback with front-line teams.',
        'Agree on what each team may offer an unhappy customer without escalation.',
      ],
      example: 'Role-play sessions for support staff on turning a complaint into a second chance.',
    },
    automation: {
      title: 'Automate',
      description:
        'Use the CRM and predictive tools to spot customers at risk early and to reach them at the right moment without manual work.',
      tasks: [
        'Set up automatic reminders and offers based on purchase history.',
        'Score churn risk for each customer and flag the riskiest ones.',
        'Automate the feedback request after each order or support contact.',
        'Keep automated messages personal and limited in number, so they are not spam.',
      ],
      example:
        'A chat bot that asks for feedback after delivery and alerts a manager to a bad rating.',
    },
    're-analysis': {
      title: 'Review the strategy regularly',
      description:
        'Step back at fixed intervals, measure again from scratch and decide with management what the next cycle of the plan should focus on.',
      tasks: [
        'Recompute all metrics and segments on fresh data.',
        'Compare results with the targets of the previous cycle.',
        'Present findings to top management and agree on new targets.',
        'Update the plan and its owners for the next cycle.',
      ],
      example: 'A quarterly retention report followed by a working session on improvements.',
    },
  },
  roles: {
    'top-management': {
      name: 'Top management',
      responsibility:
        'Sets retention goals, approves budgets and keeps the departments working together.',
    },
    analysts: {
      name: 'Analysts',
      responsibility:
        'Collect and clean the data, compute the metrics and find the patterns behind churn.',
    },
    'account-managers': {
      name: 'Account managers',
      responsibility: 'Talk to customers directly and bring back first-hand feedback.',
    },
    product: {
      name: 'Product team',
      responsibility: 'Improves the product and the offer based on what the analysis shows.',
    },
    marketing: {
      name: 'Marketing',
      responsibility: 'Designs retention campaigns, offers and loyalty programmes.',
    },
    'customer-support': {
      name: 'Customer support',
      responsibility: 'Solves the problems that make customers leave, quickly and politely.',
    },
    hr: {
      name: 'HR',
      responsibility: 'Trains the team and builds its customer-service skills.',
    },
  },
  methods: {
    surveys: {
      name: 'Customer surveys',
      pros: ['Answers come straight from customers', 'Precise when the questions are well chosen'],
      cons: ['Take effort to prepare and run', 'Few customers reply'],
      example: 'A telecom operator asks leaving subscribers three short questions by SMS.',
    },
    'behaviour-analytics': {
      name: 'Behaviour analytics',
      pros: ['Objective data', 'Easy to automate'],
      cons: ['Shows what customers do, not why they do it'],
      example: 'An online shop finds the checkout step where most carts are abandoned.',
    },
    'exit-interviews': {
      name: 'Exit interviews',
      pros: ['Reveal the real reasons in depth'],
      cons: ['Need time, people and interviewing skills'],
      example: 'A fitness club calls members who did not renew and wins some of them back.',
    },
    'reviews-and-social': {
      name: 'Reviews and social media',
      pros: ['Fast, unprompted feedback'],
      cons: ['Subjective', 'Some criticism is unfair or off-topic'],
      example: 'A restaurant chain reads the comments on each new promotion.',
    },
    'predictive-models': {
      name: 'Predictive models',
      pros: ['Flag customers likely to leave before they do'],
      cons: ['Require investment in data and skills'],
      example: 'A bank predicts which premium clients are about to leave and calls them first.',
    },
    'competitor-analysis': {
      name: 'Competitor analysis',
      pros: ['Shows market threats and where customers go'],
      cons: ['Only as reliable as the data about competitors'],
      example: 'A car dealer compares its service prices with nearby dealers.',
    },
    'point-of-sale-feedback': {
      name: 'Point-of-sale feedback',
      pros: ['Immediate reaction, while the experience is fresh'],
      cons: ['Little data for online sales'],
      example: 'A store asks for a one-tap rating at the till.',
    },
  },
  segments: {
    vip: {
      name: 'VIP customers',
      goal: 'Keep the customers who bring most of the revenue and make them feel valued.',
      tactics: [
        'Exclusive offers and early access to new products.',
        'A personal manager or a priority support line.',
        'Thank-you gestures on anniversaries of the first purchase.',
      ],
    },
    new: {
      name: 'New customers',
      goal: 'Turn a first purchase into a habit.',
      tactics: [
        'A welcome series that explains how to get the most out of the product.',
        'A second-purchase incentive for those who have not come back, for example 15% off a second order within 30 days.',
        'A short feedback request a few days after the first order.',
      ],
    },
    'at-risk': {
      name: 'At-risk customers',
      goal: 'Reach customers who are drifting away before they are gone.',
      tactics: [
        'A personal win-back contact: a call or message asking what could be better.',
        'An offer tailored to what they used to buy.',
        'Fix the problem they reported, then tell them it is fixed.',
      ],
    },
    lost: {
      name: 'Lapsed customers',
      goal: 'Win back some of the customers who stopped buying, and learn why they left.',
      tactics: [
        'A reactivation campaign with a clear reason to return.',
        'A short exit survey to learn why they stopped buying.',
        'Tell them what has changed since their last purchase.',
      ],
    },
  },
  kpis: {
    churnRate: {
      name: 'Churn rate',
      description: 'Share of customers at the start of the period who were lost by its end.',
    },
    retentionRate: {
      name: 'Retention rate',
      description:
        'Share of customers at the start of the period who are still customers at its end, not counting newcomers.',
    },
    repeatPurchaseRate: {
      name: 'Repeat-purchase rate',
      description: 'Share of customers who bought more than once.',
    },
    averageOrderValue: {
      name: 'Average order value',
      description: 'Revenue divided by the number of orders.',
    },
    purchaseFrequency: {
      name: 'Purchase frequency',
      description: 'Orders per customer in the period.',
    },
    customerLifetimeValue: {
      name: 'Customer lifetime value',
      description: 'Revenue expected from a customer over the whole relationship.',
    },
    positiveReviews: {
      name: 'Positive reviews',
      description: 'Share of reviews and ratings that are positive; measured outside this library.',
    },
  },
  cadence: {
    month: 'monthly',
    quarter: 'quarterly',
    reasons: {
      'above-crisis-and-rising':
        'Review monthly: churn is {churn}, above the crisis threshold of {threshold}, and up from {previous} in the previous period.',
      'above-crisis':
        'Review monthly: churn is {churn}, above the crisis threshold of {threshold}.',
      rising:
        'Review monthly: churn rose from {previous} to {churn}; react before the rise becomes a trend.',
      stable:
        'Review quarterly: churn is {churn}, not above the crisis threshold of {threshold}, and not rising.',
      'below-crisis-no-trend':
        'Review quarterly: churn is {churn}, not above the crisis threshold of {threshold}. The previous period was not given, so a rise cannot be ruled out; add it to check.',
      'no-churn-data':
        'Review quarterly, the minimum for any retention plan, until churn has been measured; then rebuild the plan to check whether monthly reviews are needed.',
      override:
        'Review {every}: the cadence was set by hand. Going by churn alone, the plan would be reviewed {rule}.',
    },
  },
  dates: {
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    date: '{day} {month} {year}',
    period: 'The plan runs from {start} to {end} inclusive.',
  },
  render: {
    cadence: 'Review cadence',
    kpis: 'Key metrics',
    metric: 'Metric',
    baseline: 'Baseline',
    target: 'Target',
    direction: 'Direction',
    owners: 'Owners',
    tasks: 'Tasks',
    stepKpis: 'KPIs',
    inPractice: 'In practice',
    methods: 'Ways to find the causes of churn',
    pros: 'Pros',
    cons: 'Cons',
    example: 'Example',
    segments: 'Tactics by segment',
    goal: 'Goal',
    segmentFigures: 'Customers: {customers} ({customerShare}); share of revenue: {revenueShare}',
  },
});

/**
 * A made-up input for the paste fields (ticker, prices and headlines are invented), so a
 * visitor can try the model without a data file.
 */

export const EXAMPLE_PRICES_CSV = `Date,Open,High,Low,Close,Adj Close,Volume
2024-03-01,101.20,102.90,100.80,102.50,102.50,41200000
2024-03-04,102.60,103.10,101.40,101.70,101.70,38900000
2024-03-05,101.50,101.90,99.80,100.10,100.10,52300000
2024-03-06,100.30,101.60,99.90,101.40,101.40,44700000
2024-03-07,101.60,104.20,101.30,103.90,103.90,61800000
2024-03-08,104.00,104.80,102.70,103.20,103.20,47500000`;

export const EXAMPLE_HEADLINES = `2024-03-04 13:05 example corp shares slip as chip supplier warns on demand
2024-03-05 21:30 example corp to hold investor day next week
2024-03-07 12:45 example corp beats quarterly revenue estimates and raises its buyback
2024-03-08 15:10 analysts lift price targets on example corp after strong results`;

export const EXAMPLE_SENTENCES = `Quarterly revenue rose 12% and the company raised its full-year outlook.
The lender reported a wider loss and cut its dividend.
The annual general meeting will be held in Helsinki on 15 March.`;

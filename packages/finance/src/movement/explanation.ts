/**
 * Word-level explanations from the movement model's attention maps: word pieces are
 * merged into words, and the words that the days attend to most are ranked.
 */

export interface AttendedWord {
  word: string;
  /** Total attention the word receives from all days (sum over days of day-to-text weights). */
  weight: number;
  /** The day that attends to this word most. */
  day: string;
}

/** Merges "##" pieces into whole words; returns each word with the token positions it spans. */
export function mergeWordPieces(tokens: readonly string[]): Array<{ word: string; positions: number[] }> {
  const words: Array<{ word: string; positions: number[] }> = [];
  tokens.forEach((token, position) => {
    if (token === "[CLS]" || token === "[SEP]" || token === "[PAD]") return;
    const last = words[words.length - 1];
    if (token.startsWith("##") && last !== undefined && last.positions[last.positions.length - 1] === position - 1) {
      last.word += token.slice(2);
      last.positions.push(position);
    } else {
      words.push({ word: token, positions: [position] });
    }
  });
  return words;
}

/** Ranks words by the attention days pay them. `dayToText` is [days][tokens]. */
export function topAttendedWords(tokens: readonly string[], days: readonly string[], dayToText: readonly number[][], limit = 10): AttendedWord[] {
  const ranked = mergeWordPieces(tokens).map(({ word, positions }) => {
    let weight = 0;
    let bestDay = 0;
    let bestDayWeight = -1;
    days.forEach((_, d) => {
      const received = positions.reduce((sum, position) => sum + dayToText[d][position], 0);
      weight += received;
      if (received > bestDayWeight) {
        bestDayWeight = received;
        bestDay = d;
      }
    });
    return { word, weight, day: days[bestDay] };
  });
  ranked.sort((a, b) => b.weight - a.weight);
  return ranked.slice(0, limit);
}

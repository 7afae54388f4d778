// Series colours: distinguishable for common colour-vision deficiencies and
// still separable in greyscale print thanks to the dash patterns that kick in
// once the colours repeat.
const COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#6b6b6b', '#8c564b'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

export interface SeriesStyle {
  colour: string;
  /** SVG stroke-dasharray, empty for a solid line. */
  dash: string;
}

export function seriesStyle(index: number): SeriesStyle {
  return {
    colour: COLOURS[index % COLOURS.length] ?? '#000',
    dash: DASHES[Math.floor(index / COLOURS.length) % DASHES.length] ?? '',
  };
}

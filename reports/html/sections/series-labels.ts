// Legend text for Prometheus series. Labels shared by every series of a query
// (job, instance…) say nothing about which line is which, so only the labels
// that differ are shown.

export function legendLabels(labelSets: ReadonlyArray<Record<string, string>>, fallback: string): string[] {
  const keys = [...new Set(labelSets.flatMap((labels) => Object.keys(labels)))].sort();
  const varying = keys.filter((key) => new Set(labelSets.map((labels) => labels[key] ?? '')).size > 1);
  const shown = labelSets.length > 1 && varying.length > 0 ? varying : keys;
  return labelSets.map((labels) => {
    const text = shown
      .filter((key) => key in labels)
      .map((key) => `${key}=${labels[key]}`)
      .join(', ');
    return text === '' ? fallback : text;
  });
}

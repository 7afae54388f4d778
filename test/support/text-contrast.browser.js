// Runs in the page (see text-contrast.ts): every visible text's WCAG 2 contrast against what is drawn behind it.
(() => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const rgba = (color) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top, below) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat(1);
  const luminance = ([r, g, b]) => {
    const linear = (channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const backgroundOf = (element) => {
    const chain = [];
    for (let at = element; at; at = at.parentElement) chain.unshift(at);
    let background = [255, 255, 255, 1];
    for (const at of chain) background = over(rgba(getComputedStyle(at).backgroundColor), background);
    return background;
  };
  const opacityOf = (element) => {
    let opacity = 1;
    for (let at = element; at; at = at.parentElement) opacity *= Number(getComputedStyle(at).opacity);
    return opacity;
  };
  const visible = (element) =>
    element.getClientRects().length > 0 && getComputedStyle(element).visibility === 'visible';
  const check = (element, text, colour, found) => {
    const style = getComputedStyle(element);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const required = large ? 3 : 4.5;
    const background = backgroundOf(element);
    const foreground = rgba(colour);
    const drawn = over([foreground[0], foreground[1], foreground[2], foreground[3] * opacityOf(element)], background);
    const [lighter, darker] = [luminance(drawn), luminance(background)].sort((a, b) => b - a);
    const ratio = (lighter + 0.05) / (darker + 0.05);
    if (ratio < required)
      found.push({
        text: text.slice(0, 60),
        ratio: Math.round(ratio * 100) / 100,
        required,
        color: colour,
        background: `rgb(${background.slice(0, 3).map(Math.round).join(',')})`,
      });
  };
  const found = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (!visible(element) || element.closest('[hidden], script, style')) continue;
    const text = [...element.childNodes]
      .filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.textContent ?? '')
      .join('')
      .trim();
    if (text !== '') check(element, text, getComputedStyle(element).color, found);
    const placeholder = element.getAttribute('placeholder');
    if (placeholder && element.value === '')
      check(element, `placeholder: ${placeholder}`, getComputedStyle(element, '::placeholder').color, found);
  }
  return found;
})();

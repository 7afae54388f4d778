import nope from 'k6/nope';
export default function () {
  nope();
}

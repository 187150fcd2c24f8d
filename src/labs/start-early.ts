/**
 * A client module: on a page whose server-rendered HTML holds a lab, start
 * restoring the VM as the app starts, while React still hydrates the page and
 * before the lab's own code (Monaco, xterm.js) loads. The lab's useVm adopts
 * this restore. Later navigations start it from the Lab component instead.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import siteConfig from '@generated/docusaurus.config';

if (ExecutionEnvironment.canUseDOM && document.querySelector('[data-lab]')) {
  const base = `${siteConfig.baseUrl}vm/`;
  window.addEventListener('load', () => void import('./useVm').then((m) => m.startVmEarly(base)));
}

import { render } from 'preact';
render(<h1>Regime Lens</h1>, document.getElementById('app')!);

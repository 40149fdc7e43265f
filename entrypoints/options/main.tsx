import { render } from 'preact';
import { Placeholder } from '@/components/Placeholder';

const root = document.getElementById('app');
if (!root) throw new Error('options: #app not found');
render(<Placeholder subtitle="Options" />, root);

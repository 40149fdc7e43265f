import { render } from 'preact';
import { Placeholder } from '@/components/Placeholder';

const root = document.getElementById('app');
if (!root) throw new Error('popup: #app not found');
render(<Placeholder />, root);

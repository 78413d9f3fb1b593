// Entry point: styles, the session check, and the app.
import { render } from 'preact';
import { App } from './app.tsx';
import { restoreSession } from './session.ts';
import './styles.css';

void restoreSession();
const root = document.getElementById('app');
if (root) render(<App />, root);

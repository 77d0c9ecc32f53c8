import { render } from 'preact';
import { App } from './app.js';
import { completeHostedSignIn } from './hosted-sign-in.js';
import './console.css';

// Back from the hosted sign-in page with ?code=…: finish the exchange before showing anything.
await completeHostedSignIn();
const root = document.getElementById('app')!;
// The boot message is plain HTML for the seconds before the script runs; the app replaces it.
root.textContent = '';
render(<App />, root);

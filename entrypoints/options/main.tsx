import { render } from 'preact';
import '../../components/page.css';
import { OptionsApp } from './app';

render(<OptionsApp />, document.getElementById('app')!);

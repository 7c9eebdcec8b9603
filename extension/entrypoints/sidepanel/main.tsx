import { createRoot } from 'react-dom/client';
import '../../components/base.css';
import { App } from './app';

createRoot(document.getElementById('root')!).render(<App />);

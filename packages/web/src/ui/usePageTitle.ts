import { useEffect } from 'react';

export const SERVICE_NAME = 'Esenzioni per patologie e invalidità';

/** Sets document.title to "<page> – <service>". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} – ${SERVICE_NAME}` : SERVICE_NAME;
  }, [title]);
}

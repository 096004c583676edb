/** The page title for a route's meta: "<page> – Engage". */
export const title = (page: string) => [{ title: `${page} – Engage` }];

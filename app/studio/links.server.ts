// Options the studio's links put in the address (which version, which line), read with the shared
// query fields: anything not understood is left out.
import { z } from "zod";
import { linkNumber, linkOption, page, readLinkOptions } from "~/utils/query.server";

const StudioLink = z.object({ version: linkOption(["published"]), line: linkNumber });

export const studioLinkOptions = (request: Request) => readLinkOptions(StudioLink, new URL(request.url).searchParams);

// Which list of written replies (those waiting, the default, or those already rated), and its page.
const ReviewsLink = z.object({ list: linkOption(["rated"]), page });

export const reviewListOptions = (request: Request) => readLinkOptions(ReviewsLink, new URL(request.url).searchParams);

/**
 * Written replies the demo's invented officers type where a scenario asks for one, each with the
 * rating a trainer would fairly give it on the Helpful Responses scale (1: a roadblock such as
 * advice or arguing; 3: a simple reflection; 4: a reflection adding meaning; 5: adding feeling).
 * Each answers that scenario's line; a scenario written later gets the general replies.
 */

export interface DemoReply {
  text: string;
  rating: number;
}

type Replies = [good: DemoReply, simple: DemoReply, roadblock: DemoReply];

const r = (text: string, rating: number): DemoReply => ({ text, rating });

const REPLIES: Record<string, Replies> = {
  "bad-news-letter/all-over": [
    r(
      "Your mum's poorly and she's always stood by you. What she wants most is you home, and part of you is wondering if the course is a way to get there.",
      4,
    ),
    r("Your mum wants you home and you said no to the course.", 3),
    r("You should do the course for your mum. It's what she'd want.", 1),
  ],
  "closer-to-my-kids/tried": [
    r("Whatever they decide, you want Ella to know her dad gave it a go.", 5),
    r("You could tell Ella you tried.", 3),
    r("So you'll put your name down then? Good lad.", 1),
  ],
  "courses-for-nonces/one-of-them": [
    r("Who you are matters to you, and you'd only ever walk in there as that man.", 4),
    r("You're worried about what the wing would think.", 3),
    r("Nobody will think that. Loads of lads do it.", 1),
  ],
  "it-wasnt-like-they-said/questions": [
    r("Getting home to Linda matters enough that you'd ask the questions, doubts and all.", 4),
    r("You want to know if it would help you get home to Linda.", 3),
    r("You'd have to admit to it in there, that's how it works.", 1),
  ],
  "maintaining-innocence/marcia": [
    r("You're afraid of running out of time with her.", 5),
    r("You want to see Marcia again.", 3),
    r("Then do the course for her. I'm sure she'll be fine.", 1),
  ],
  "mentor-and-the-refuser/roleplay": [
    r("You don't want anyone on the landing thinking you're that kind of man.", 4),
    r("You think the course isn't for you.", 3),
    r("That's not true, Lewis, it's for everyone.", 1),
  ],
  "out-on-my-date/consider": [
    r("You want to walk out with a plan, so the job and things with Keith have a real chance this time.", 4),
    r("You want something sorted before you go.", 3),
    r("If you don't sort yourself out you'll just end up back in here.", 1),
  ],
  "parole-mistrust/landed": [
    r("You were right that it gets written down, and it isn't the trap you thought it was.", 4),
    r("It still ends up in a report.", 3),
    r("Don't worry, the reports will be fine if you behave.", 1),
  ],
  "plain-words/school": [
    r("You don't want to be laughed at again.", 5),
    r("School was bad.", 3),
    r("It sounds like your educational experiences were quite negative, but it won't be like school.", 2),
  ],
  "programmes-wing-move/lads-say": [
    r("Those lads are how you get through the days in here.", 4),
    r("You're worried about losing your mates.", 3),
    r("They're not real mates if they'd do that to you.", 1),
  ],
  "solicitor-says-no/run-it-past": [
    r("So it's not a no. You'd want Mr Okafor in on it before you say a word.", 4),
    r("You want to ask Mr Okafor first.", 3),
    r("So ring him, then.", 1),
  ],
  "what-youll-write/why-tell": [
    r("After years of other people writing about you, it feels safer to say nothing.", 5),
    r("You're worried about what gets written down.", 3),
    r("Don't worry, it'll be fine. Nobody reads them anyway.", 1),
  ],
  // This step asks for an open question: the scale rates reflections, so a question is "neither" (2).
  "what-youll-write/goals": [
    r("What would you want your POM to read about how you're getting on?", 2),
    r("Do you want me to put anything?", 2),
    r("I'll just put that you're doing fine.", 1),
  ],
  "wing-safety/could-ask": [
    r(
      "You don't want the landing knowing your business, and Lisa's kids matter to you. Asking them on your own, off the landing, is something you could do.",
      4,
    ),
    r("You could ask them on your own.", 3),
    r("Good, so I'll put your name down for it.", 1),
  ],
  "you-lot-never-listen/still-hot": [
    r(
      "You're angry, and no wonder: your dad waited over an hour and nobody told either of you. That should have been sorted.",
      5,
    ),
    r("You're angry about the visit.", 3),
    r("Calm down. Shouting at me won't get your visit back.", 1),
  ],
  "you-lot-never-listen/pushback": [
    r("I jumped ahead. You're fed up with nobody hearing you, and the course is your call, not mine.", 5),
    r("You feel nobody listens.", 3),
    r("I am listening. I'm just telling you the course would help.", 1),
  ],
};

const GENERAL: Replies = [
  r("This matters to you, and you want it to be your own decision.", 4),
  r("You're not sure about it.", 3),
  r("You should just do it, it'll look good for you.", 1),
];

/** A reply for a scenario's write step: skilled officers write better ones more often. */
export function writtenReplyFor(scenarioId: string, nodeId: string, skill: number, rand: () => number): DemoReply {
  const [good, simple, roadblock] = REPLIES[`${scenarioId}/${nodeId}`] ?? GENERAL;
  const r = rand();
  if (r < 0.15 + 0.7 * skill) return good;
  if (r < 0.75 + 0.2 * skill) return simple;
  return roadblock;
}

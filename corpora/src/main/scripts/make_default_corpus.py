#!/usr/bin/python3
"""Generates textclf's embedded default corpus (written for this project; no text is copied from anywhere).

Four topics -- sports, tech, food, weather -- as short posts/reviews/notes built from hand-written sentence
templates, with the mess real web text has: HTML and unknown XML tags, entities, emoji, shouting, odd
punctuation, straight and curly apostrophes, and words that belong to more than one topic ("hot", "record",
"chips", "server", "cool", "fast", "court", "storm") so a classifier has to look at more than one word.

Reproducible: fixed seed, only Python's `random` (stable across CPython 3 versions for these calls).

    /usr/bin/python3 corpora/src/main/scripts/make_default_corpus.py \
        > corpora/src/main/resources/org/textclf/corpora/default-corpus.tsv

Output: UTF-8 TSV `label<TAB>text`, LF line ends, no TAB/CR/LF inside text (the common corpus format).
"""
import random
import sys

SEED = 20261121
COUNTS = {"sports": 96, "tech": 92, "food": 88, "weather": 84}

SLOTS = {
    "team": ["the Rovers", "City", "our under-12s", "the Harbour Hawks", "the visitors", "the home side",
             "Northfield United", "the Lions", "the women's squad", "the relay team"],
    "sport": ["football", "basketball", "tennis", "cricket", "volleyball", "rugby", "hockey", "handball"],
    "player": ["the keeper", "our captain", "the new striker", "the rookie guard", "the veteran coach",
               "the left winger", "the referee", "the goalie", "the sprinter", "the bowler"],
    "score": ["3-1", "2-2", "0-1", "98-91", "4-0", "21-18", "1-0", "6-4, 6-3", "27-24"],
    "gadget": ["phone", "laptop", "tablet", "smartwatch", "router", "e-reader", "graphics card", "keyboard",
               "headset", "smart speaker"],
    "software": ["the update", "the beta", "version 2.1", "the new firmware", "the app", "the installer",
                 "the patch", "the open-source driver", "the browser extension"],
    "techthing": ["battery", "screen", "Wi-Fi", "Bluetooth", "fan", "touchpad", "camera", "SSD", "charger",
                  "operating system"],
    "dish": ["ramen", "lasagna", "the curry", "risotto", "tacos", "pancakes", "the soup", "a caf\u00e9 cr\u00e8me",
             "the jalape\u00f1o burger", "falafel", "the pur\u00e9e", "sourdough", "paella", "dumplings"],
    "ingredient": ["garlic", "basil", "lemon zest", "smoked paprika", "butter", "fresh ginger", "cumin",
                   "sea salt", "chili flakes", "parmesan", "coriander"],
    "place": ["the little bistro on Main St", "my aunt's kitchen", "the food truck by the station",
              "that new noodle bar", "the farmers' market stall", "the canteen at work", "a roadside diner"],
    "sky": ["grey", "clear", "overcast", "hazy", "bright blue", "heavy", "dark"],
    "weatherthing": ["rain", "drizzle", "hail", "sleet", "fog", "snow", "thunder", "wind", "frost", "humidity"],
    "temp": ["-4\u00b0C", "31\u00b0C", "12 degrees", "95\u00b0F", "zero", "17\u00b0C", "38 degrees", "2\u00b0C"],
    "day": ["Monday", "Tuesday", "this weekend", "tomorrow", "tonight", "Friday", "Sunday morning",
            "the bank holiday"],
    "city": ["Leeds", "Utrecht", "Lyon", "Porto", "Denver", "Osaka", "Bergen", "Cork", "Graz"],
}

TEMPLATES = {
    "sports": [
        "{team} won {score} after a late goal from {player}",
        "{player} was sent off in the second half and we can't believe it",
        "Training tonight is moved to the indoor court because the pitch is flooded",
        "{team} lost {score} at home, worst {sport} performance of the season",
        "Great match!! {player} scored twice and {team} are top of the league",
        "Who else thinks {player} should start in the final on {day}?",
        "Season tickets for {team} go on sale {day}, queue early",
        "The {sport} semi-final went to extra time and then penalties",
        "{player} broke the club record for assists in a single season",
        "Our coach says the defence needs work before the derby",
        "Halftime: {team} lead {score}, the crowd is going wild",
        "{team} signed a new midfielder on a three-year contract",
        "That was a fast break and a perfect pass, what a finish by {player}",
        "The umpire's call on the last point was wrong, replay clearly shows it",
        "{sport} tryouts for the youth league start {day} at the sports hall",
        "Injury update: {player} is out for six weeks with a hamstring strain",
        "Fans chanted for the whole ninety minutes, incredible atmosphere",
        "{team} need a win against {team2} to avoid relegation",
        "Marathon results: personal best by four minutes despite the hills",
        "The transfer window closes {day} and {team} still need a striker",
        "Referee added five minutes of stoppage time and {team} equalised",
        "The tennis final went to a tie-break in the third set",
        "Our relay team qualified for the national championship",
        "Ticket prices for the cup final are a joke, {team} should be ashamed",
        "Watching the {sport} highlights again, that tackle was brutal",
    ],
    "tech": [
        "My {gadget} keeps dropping the {techthing} connection after {software}",
        "{software} finally fixed the {techthing} drain on my {gadget}",
        "Review: the new {gadget} is fast but the {techthing} is disappointing",
        "Does anyone know how to reset a {gadget} to factory settings?",
        "The server went down at 3am and the backup script didn't run",
        "Benchmarks show the new chip is 20% faster than last year's model",
        "I switched to Linux on my old {gadget} and it feels brand new",
        "{software} bricked my {gadget}, support says wait for a fix",
        "Tip: clear the cache if the {techthing} settings won't save",
        "The company announced a {gadget} with a foldable screen and 5G",
        "Password leak: change your login now and turn on two-factor",
        "Our team shipped {software} with a memory leak, rolling back",
        "The {techthing} on this {gadget} overheats when gaming",
        "Cloud storage prices went up again, time to buy a NAS",
        "Compiling the kernel took two hours on this laptop",
        "The {gadget} arrived with a cracked {techthing}, returning it",
        "Python or Java for a first programming language? Discuss",
        "The chatbot gave a confident but wrong answer about my code",
        "Unboxing the {gadget}: nice build quality, weird charger",
        "{software} adds dark mode and better {techthing} controls",
        "Spam filter blocked the invoice email again, IT is on it",
        "Data center outage took the streaming service offline for hours",
        "The robot vacuum mapped the whole flat but got stuck on a cable",
        "Upgraded the RAM and the SSD, boot time is now ten seconds",
        "Hackathon this weekend: build an app in 48 hours",
    ],
    "food": [
        "Made {dish} tonight with extra {ingredient}, absolutely delicious",
        "{place} does the best {dish} in town, portions are huge",
        "Tried {dish} at {place}, a bit too salty for me",
        "Recipe: fry the onions, add {ingredient} and simmer for 20 minutes",
        "Our server recommended {dish} and it was perfect",
        "Hot tip: toast the {ingredient} before adding it to the sauce",
        "The bakery ran out of sourdough by 9am again",
        "{dish} with {ingredient} and a squeeze of lime, simple and fresh",
        "Dinner party menu: {dish}, salad, and chocolate mousse for dessert",
        "The chips were soggy and the fish was cold, never going back to {place}",
        "Meal prep Sunday: five lunches of {dish} for the week",
        "Grandma's secret for {dish} is a pinch of {ingredient}",
        "Brunch at {place}: eggs, avocado toast and strong coffee",
        "The chef at {place} uses local cheese and seasonal vegetables",
        "Vegan version of {dish}: swap the butter for olive oil",
        "Burnt the rice while scrolling my phone, ordered pizza instead",
        "Baked bread for the first time, crust is crunchy and the crumb is soft",
        "{place} has a new spicy menu, the wings are seriously hot",
        "Best street food: dumplings, noodles and grilled corn",
        "Keep the {ingredient} in the fridge or it goes off in two days",
        "Slow-cooked beef stew with red wine and carrots",
        "The waiter forgot our dessert but the tiramisu was worth the wait",
        "Homemade ice cream with strawberries from the garden",
        "Cheap and cheerful: {dish} for under five euros at {place}",
        "Fermenting my own kimchi, the kitchen smells amazing",
    ],
    "weather": [
        "Forecast for {day}: {sky} skies with {weatherthing} in the afternoon",
        "{temp} in {city} today, stay hydrated and find some shade",
        "Heavy {weatherthing} closed the motorway near {city}",
        "Storm warning for the coast {day}, gusts up to 110 km/h",
        "Record heat in {city}: {temp} in the shade",
        "The {weatherthing} came out of nowhere, got soaked on the way home",
        "Cold front moving in {day}, temperatures drop to {temp}",
        "Met office issues a yellow warning for {weatherthing} across the north",
        "Sunny spells and a light breeze, perfect drying weather",
        "First frost of the year, scrape your windscreen before work",
        "Humidity is unbearable, it feels like {temp}",
        "Flood alert: the river in {city} is rising after three days of rain",
        "{sky} sky this morning, rainbow over {city} after the shower",
        "Pollen count very high {day}, bad news for hay fever",
        "Snow day! Schools in {city} are closed",
        "Thunderstorms expected {day} evening, unplug your electronics",
        "Cool and cloudy {day} with a chance of {weatherthing}",
        "Hurricane season starts next week, check your emergency kit",
        "Drought continues, reservoirs at 30% capacity",
        "UV index is extreme {day}, wear sunscreen",
        "Fog so thick in {city} the ferries were cancelled",
        "The wind knocked over our fence and the bins last night",
        "Barometric pressure falling fast, the {weatherthing} is coming",
        "Mild winter so far, barely any {weatherthing} in {city}",
        "Heatwave over, finally below {temp} at night",
    ],
}

# Generic sentences with a single topical word: the hard cases, where one word decides the topic.
GENERIC = [
    "Anyone else obsessed with {w} lately?", "Spent the whole evening arguing about {w}",
    "Not impressed with the {w}, to be honest", "Can't stop thinking about that {w}",
    "My dad sent me a long message about the {w} again", "Is it just me or was the {w} weird today?",
    "Ok the {w} was actually great", "Three hours of {w} and I regret nothing",
    "Nobody talks about the {w} enough", "Quick question about the {w}",
]
TOPIC_WORDS = {
    "sports": ["match", "goal", "league", "penalty", "derby", "transfer", "coach", "tournament", "playoffs",
               "court", "record", "fast break"],
    "tech": ["firmware", "update", "server", "laptop", "app", "bug", "download", "chips", "cloud", "screen",
             "cool new gadget"],
    "food": ["recipe", "dessert", "menu", "sauce", "soup", "pizza", "bakery", "chips", "hot sauce", "dumplings",
             "server at dinner"],
    "weather": ["forecast", "rain", "storm", "heatwave", "fog", "snow", "wind", "cool breeze", "record heat",
                "cloud cover", "hail"],
}

# Sentences that fit every topic or mislead: they give the classifier noise to ignore.
FILLERS = [
    "What a day.", "Honestly can't wait for the weekend.", "Posted from my phone, sorry for typos.",
    "Anyway, back to work.", "Thoughts?", "Not sure what to think.", "Update later.",
    "My brother disagrees, as usual.", "EDIT: fixed a typo.", "10/10 would recommend.",
    "Worst. Day. Ever.", "lol", "Thanks for reading!", "Share if you agree.",
]

# Cross-topic sentences: a topic word used in another topic's sense (e.g. a food post that mentions a storm).
CROSS = {
    "sports": ["The stadium hot dogs were cold though.", "It rained the whole match.",
               "Streamed it on my laptop because the TV broke.", "Crazy fast game.",
               "Pizza and beer after the game, obviously.", "The app kept crashing during the live stream.",
               "Freezing wind in the stands.", "Snow on the pitch at kick-off."],
    "tech": ["Coffee went cold while I waited for the download.", "It was pouring outside so I stayed in to debug.",
             "The fans on the server rack sound like a stadium.", "Potato chips and code, perfect evening.",
             "Ordered noodles and kept coding.", "Missed the match because of the outage.",
             "The heat in the office melted my brain.", "The weather widget is broken too."],
    "food": ["Ate it while watching the match.", "Perfect meal for a rainy day.",
             "Found the recipe on an app.", "Fast service, cool staff.", "Too hot to cook anyway.",
             "Took a photo with my new phone.", "The team from work came along.", "Sunny terrace, great view."],
    "weather": ["Good excuse to stay in and cook soup.", "The match was postponed.",
                "My weather app was wrong again.", "Record-breaking, like the commentators said.",
                "Hot chocolate weather.", "Power cut, so no internet either.", "The game went ahead anyway.",
                "Ice cream sales must be through the roof."],
}

EMOJI = {
    "sports": ["\u26bd", "\U0001f3c0", "\U0001f3be", "\U0001f3c6", "\U0001f4aa"],
    "tech": ["\U0001f4bb", "\U0001f4f1", "\U0001f916", "\u2328\ufe0f", "\U0001f50b"],
    "food": ["\U0001f355", "\U0001f35c", "\U0001f957", "\u2615", "\U0001f60b"],
    "weather": ["\u2614", "\U0001f327\ufe0f", "\u2600\ufe0f", "\u2744\ufe0f", "\U0001f32a\ufe0f"],
    "any": ["\U0001f602", "\U0001f44d", "\U0001f525", "\U0001f648", "\U0001f914", "\u2764\ufe0f"],
}

PUNCT_NOISE = ["!!!", "?!", "...", " --", " :)", " :-(", " (!!)", "!!1", " ***", " ^^", " ;)", "??"]
XML_TAGS = ["note", "source", "user", "meta", "span", "post", "quote", "x-tag"]
APOSTROPHES = [("can't", "can\u2019t"), ("don't", "don\u2019t"), ("didn't", "didn\u2019t"),
               ("won't", "won\u2019t"), ("it's", "it\u2019s"), ("isn't", "isn\u2019t")]


def fill(rng, template, label):
    def pick(name):
        return rng.choice(SLOTS[name])
    text = template
    while "{team2}" in text:
        text = text.replace("{team2}", pick("team"), 1)
    for name in SLOTS:
        while "{" + name + "}" in text:
            text = text.replace("{" + name + "}", pick(name), 1)
    return text[0].upper() + text[1:]


def end(rng, sentence):
    r = rng.random()
    if r < 0.55:
        return sentence + "."
    if r < 0.75:
        return sentence + "!"
    if r < 0.85:
        return sentence + rng.choice(PUNCT_NOISE)
    return sentence  # no final punctuation, like many real posts


def add_apostrophe_noise(rng, text):
    # Mix straight and curly apostrophes and add a contraction now and then.
    for straight, curly in APOSTROPHES:
        if straight in text and rng.random() < 0.5:
            text = text.replace(straight, curly)
    return text


def entities(rng, text):
    r = rng.random()
    if r < 0.35:
        text = text.replace("&", "&amp;")
        text = text.replace(" and ", " &amp; ", 1) if rng.random() < 0.5 else text
    if rng.random() < 0.3:
        text = text.replace("'", "&#39;")
    if rng.random() < 0.3:
        text = text.replace("\u00e9", "&eacute;").replace("\u00e8", "&egrave;").replace("\u00f1", "&ntilde;")
    if rng.random() < 0.15:
        text = text.replace(", ", ",&nbsp;", 1)
    if rng.random() < 0.1:
        text = text.replace("\u00b0", "&deg;")
    return text


def shout(rng, text):
    words = text.split(" ")
    if rng.random() < 0.15:
        i = rng.randrange(len(words))
        words[i] = words[i].upper()
    if rng.random() < 0.05:
        return " ".join(words).upper()
    if rng.random() < 0.1:
        return " ".join(words).lower()
    return " ".join(words)


def markup(rng, sentences):
    r = rng.random()
    if r < 0.2:
        body = "<br />".join(sentences) if rng.random() < 0.5 else "<br /><br />".join(sentences)
    elif r < 0.35:
        body = "".join("<p>" + s + "</p>" for s in sentences)
    elif r < 0.45:
        tag = rng.choice(XML_TAGS)
        body = "<" + tag + ">" + sentences[0] + "</" + tag + ">" + " ".join(sentences[1:])
    elif r < 0.52:
        body = "<title>" + sentences[0] + "</title><body>" + " ".join(sentences[1:]) + "</body>"
    else:
        body = " ".join(sentences)
    if rng.random() < 0.15:
        words = body.split(" ")
        i = rng.randrange(len(words))
        if "<" not in words[i] and ">" not in words[i]:
            tag = rng.choice(["b", "i", "em", "strong"])
            words[i] = "<" + tag + ">" + words[i] + "</" + tag + ">"
        body = " ".join(words)
    if rng.random() < 0.04:
        body = '<a href="http://example.org/p?id=' + str(rng.randrange(1000)) + '&amp;ref=feed">link</a> ' + body
    if rng.random() < 0.03:
        body = body + " <!-- imported -->"
    return body


def document(rng, label):
    if rng.random() < 0.3:
        generic = rng.choice(GENERIC).replace("{w}", rng.choice(TOPIC_WORDS[label]))
        sentences = [end(rng, shout(rng, generic[0].upper() + generic[1:]))]
    else:
        n = rng.choice([1, 1, 1, 2, 2, 3])
        templates = rng.sample(TEMPLATES[label], n)
        sentences = [end(rng, shout(rng, fill(rng, t, label))) for t in templates]
    if rng.random() < 0.45:
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(CROSS[label]))
    if rng.random() < 0.25:
        sentences.append(rng.choice(FILLERS))
    if rng.random() < 0.3:
        pool = EMOJI[label] if rng.random() < 0.6 else EMOJI["any"]
        sentences[-1] = sentences[-1] + " " + rng.choice(pool) * rng.choice([1, 1, 2, 3])
    if rng.random() < 0.08:
        sentences.append("#" + rng.choice(["GameDay", "TechTalk", "Foodie", "WeatherWatch", "Monday", "NoFilter"]))
    text = markup(rng, sentences)
    text = add_apostrophe_noise(rng, entities(rng, text))
    if rng.random() < 0.05:
        text = "  " + text + "   "
    return text


def main():
    rng = random.Random(SEED)
    rows = []
    for label, count in COUNTS.items():
        seen = set()
        while len([r for r in rows if r[0] == label]) < count:
            text = document(rng, label)
            if text in seen:
                continue
            seen.add(text)
            assert "\t" not in text and "\n" not in text and "\r" not in text
            rows.append((label, text))
    rng.shuffle(rows)
    out = sys.stdout.buffer
    for label, text in rows:
        out.write((label + "\t" + text + "\n").encode("utf-8"))


if __name__ == "__main__":
    main()

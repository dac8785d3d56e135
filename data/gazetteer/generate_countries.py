#!/usr/bin/env python3
"""Generates countries.tsv (run once; the output is committed, not downloaded at build time).

Input: the curated table below (own curation, cross-checked against the StAGN list structure)
plus the German names of npm `i18n-iso-countries` 7.14.0 `langs/de.json` (MIT), passed as argv[1].
Columns of the curated table, separated by `|`, lists by `,`:
  code | German short name (news usage) | adjective stems | demonym (masc. sg.; `A/B` gives an
  irregular feminine B; a trailing `*` marks an adjectival noun like Deutscher) | capitals and
  government metonyms | extra name forms (long forms, dative plurals, abbreviations, transliterations)
"""
import json
import sys

CURATED = r"""
AF|Afghanistan|afghanisch|Afghane|Kabul|Islamische Republik Afghanistan,Islamisches Emirat Afghanistan
AL|Albanien|albanisch|Albaner|Tirana|Republik Albanien
DZ|Algerien|algerisch|Algerier|Algier|Demokratische Volksrepublik Algerien
AD|Andorra|andorranisch|Andorraner|Andorra la Vella|Fürstentum Andorra
AO|Angola|angolanisch|Angolaner|Luanda|Republik Angola
AG|Antigua und Barbuda|antiguanisch|Antiguaner|Saint John’s|
AR|Argentinien|argentinisch|Argentinier|Buenos Aires|Argentinische Republik,Casa Rosada
AM|Armenien|armenisch|Armenier|Eriwan,Jerewan|Republik Armenien
AZ|Aserbaidschan|aserbaidschanisch|Aserbaidschaner|Baku|Republik Aserbaidschan
AU|Australien|australisch|Australier|Canberra|Commonwealth of Australia,Australischer Bund
BS|Bahamas|bahamaisch|Bahamaer|Nassau|Bahamas-Inseln
BH|Bahrain|bahrainisch|Bahrainer|Manama|Königreich Bahrain
BD|Bangladesch|bangladeschisch|Bangladescher|Dhaka,Dacca|Volksrepublik Bangladesch
BB|Barbados|barbadisch|Barbadier|Bridgetown|
BY|Belarus|belarussisch,weißrussisch|Belarusse,Weißrusse|Minsk|Weißrussland,Republik Belarus
BE|Belgien|belgisch|Belgier||Königreich Belgien
BZ|Belize|belizisch|Belizer|Belmopan|
BJ|Benin|beninisch|Beniner|Porto-Novo,Cotonou|Republik Benin
BT|Bhutan|bhutanisch|Bhutaner|Thimphu|Königreich Bhutan
BO|Bolivien|bolivianisch|Bolivianer|Sucre,La Paz|Plurinationaler Staat Bolivien
BA|Bosnien und Herzegowina|bosnisch,bosnisch-herzegowinisch|Bosnier|Sarajevo|Bosnien-Herzegowina,Bosnien
BW|Botswana|botswanisch|Botswaner|Gaborone|Republik Botsuana,Botsuana
BR|Brasilien|brasilianisch|Brasilianer|Brasília,Brasilia,Planalto|Föderative Republik Brasilien
BN|Brunei|bruneiisch|Bruneier|Bandar Seri Begawan|Brunei Darussalam
BG|Bulgarien|bulgarisch|Bulgare|Sofia|Republik Bulgarien
BF|Burkina Faso|burkinisch|Burkiner|Ouagadougou|
BI|Burundi|burundisch|Burundier|Gitega,Bujumbura|Republik Burundi
CV|Kap Verde|kap-verdisch,kapverdisch|Kap-Verdier|Praia|Cabo Verde,Kapverden
KH|Kambodscha|kambodschanisch|Kambodschaner|Phnom Penh|Königreich Kambodscha
CM|Kamerun|kamerunisch|Kameruner|Jaunde,Yaoundé|Republik Kamerun
CA|Kanada|kanadisch|Kanadier|Ottawa|
CF|Zentralafrikanische Republik|zentralafrikanisch|Zentralafrikaner|Bangui|Zentralafrikanischen Republik
TD|Tschad|tschadisch|Tschader|N’Djamena,N'Djamena,Ndschamena|Republik Tschad
CL|Chile|chilenisch|Chilene||Republik Chile
CN|China|chinesisch|Chinese|Peking,Beijing,Zhongnanhai|Volksrepublik China,VR China,Volksrepublik,Rotchina
CO|Kolumbien|kolumbianisch|Kolumbianer|Bogotá,Bogota|Republik Kolumbien
KM|Komoren|komorisch|Komorer|Moroni|Union der Komoren
CG|Republik Kongo|kongolesisch|Kongolese|Brazzaville|Kongo-Brazzaville,Republik Kongo,Kongo
CD|Demokratische Republik Kongo|kongolesisch|Kongolese|Kinshasa|Demokratischen Republik Kongo,DR Kongo,DR-Kongo,Kongo-Kinshasa,Zaire,Kongo
CR|Costa Rica|costa-ricanisch|Costa-Ricaner|San José|Republik Costa Rica
CI|Elfenbeinküste|ivorisch|Ivorer|Yamoussoukro,Abidjan|Côte d’Ivoire,Côte d'Ivoire,Cote d'Ivoire
HR|Kroatien|kroatisch|Kroate|Zagreb|Republik Kroatien
CU|Kuba|kubanisch|Kubaner|Havanna|Republik Kuba
CY|Zypern|zyprisch|Zyprer,Zypriot|Nikosia|Republik Zypern
CZ|Tschechien|tschechisch|Tscheche|Prag|Tschechische Republik,Tschechischen Republik
DK|Dänemark|dänisch|Däne|Kopenhagen|Königreich Dänemark
DJ|Dschibuti|dschibutisch|Dschibutier||Republik Dschibuti
DM|Dominica|dominicanisch|Dominicaner|Roseau|Commonwealth Dominica
DO|Dominikanische Republik|dominikanisch|Dominikaner|Santo Domingo|Dominikanischen Republik
EC|Ecuador|ecuadorianisch|Ecuadorianer|Quito|Republik Ecuador
EG|Ägypten|ägyptisch|Ägypter|Kairo|Arabische Republik Ägypten
SV|El Salvador|salvadorianisch|Salvadorianer|San Salvador|Republik El Salvador
GQ|Äquatorialguinea|äquatorialguineisch|Äquatorialguineer|Malabo|Republik Äquatorialguinea
ER|Eritrea|eritreisch|Eritreer|Asmara|Staat Eritrea
EE|Estland|estnisch|Este|Tallinn,Reval|Republik Estland
SZ|Eswatini|eswatinisch,swasiländisch|Swasi|Mbabane|Swasiland,Königreich Eswatini
ET|Äthiopien|äthiopisch|Äthiopier|Addis Abeba|Demokratische Bundesrepublik Äthiopien
FJ|Fidschi|fidschianisch|Fidschianer|Suva|Republik Fidschi,Fiji
FI|Finnland|finnisch|Finne|Helsinki|Republik Finnland
FR|Frankreich|französisch|Franzose/Französin|Paris,Élysée,Élysée-Palast,Elysée,Elysee,Elysee-Palast,Quai d’Orsay,Quai d'Orsay,Matignon|Französische Republik,Französischen Republik
GA|Gabun|gabunisch|Gabuner|Libreville|Gabunische Republik
GM|Gambia|gambisch|Gambier|Banjul|Republik Gambia
GE|Georgien|georgisch|Georgier|Tiflis,Tbilissi,Tbilisi|
DE|Deutschland|deutsch|Deutsch*|Berlin,Bundeskanzleramt,Kanzleramt|Bundesrepublik Deutschland,Bundesrepublik,BRD
GH|Ghana|ghanaisch|Ghanaer|Accra|Republik Ghana
GR|Griechenland|griechisch|Grieche|Athen|Hellenische Republik
GD|Grenada|grenadisch|Grenader|St. George’s|
GT|Guatemala|guatemaltekisch|Guatemalteke|Guatemala-Stadt|Republik Guatemala
GN|Guinea|guineisch|Guineer|Conakry|Republik Guinea
GW|Guinea-Bissau|guinea-bissauisch|Guinea-Bissauer|Bissau|Republik Guinea-Bissau
GY|Guyana|guyanisch|Guyaner||Kooperative Republik Guyana
HT|Haiti|haitianisch|Haitianer|Port-au-Prince|Republik Haiti
HN|Honduras|honduranisch|Honduraner|Tegucigalpa|Republik Honduras
HU|Ungarn|ungarisch|Ungar|Budapest|
IS|Island|isländisch|Isländer|Reykjavík,Reykjavik|
IN|Indien|indisch|Inder|Neu-Delhi,New Delhi,Delhi|Republik Indien
ID|Indonesien|indonesisch|Indonesier|Jakarta,Djakarta|Republik Indonesien
IR|Iran|iranisch|Iraner|Teheran|Islamische Republik Iran,Islamischen Republik Iran,Persien
IQ|Irak|irakisch|Iraker|Bagdad|Republik Irak
IE|Irland|irisch|Ire|Dublin|Republik Irland
IL|Israel|israelisch|Israeli|Jerusalem,Knesset|Staat Israel
IT|Italien|italienisch|Italiener|Rom,Palazzo Chigi|Italienische Republik
JM|Jamaika|jamaikanisch|Jamaikaner|Kingston|Jamaica
JP|Japan|japanisch|Japaner|Tokio,Tokyo|
JO|Jordanien|jordanisch|Jordanier|Amman|Haschemitisches Königreich Jordanien
KZ|Kasachstan|kasachisch|Kasache|Astana,Almaty|Republik Kasachstan
KE|Kenia|kenianisch|Kenianer|Nairobi|Republik Kenia
KI|Kiribati|kiribatisch|Kiribatier|Tarawa|
KP|Nordkorea|nordkoreanisch,koreanisch|Nordkoreaner,Koreaner|Pjöngjang,Pyongyang|Demokratische Volksrepublik Korea,Korea
KR|Südkorea|südkoreanisch,koreanisch|Südkoreaner,Koreaner|Seoul|Republik Korea,Korea
KW|Kuwait|kuwaitisch|Kuwaiter||Staat Kuwait
KG|Kirgisistan|kirgisisch|Kirgise|Bischkek|Kirgisien,Kirgistan
LA|Laos|laotisch|Laote|Vientiane|Demokratische Volksrepublik Laos
LV|Lettland|lettisch|Lette|Riga|Republik Lettland
LB|Libanon|libanesisch|Libanese|Beirut|Libanesische Republik
LS|Lesotho|lesothisch|Lesother|Maseru|Königreich Lesotho
LR|Liberia|liberianisch|Liberianer|Monrovia|Republik Liberia
LY|Libyen|libysch|Libyer|Tripolis|Staat Libyen
LI|Liechtenstein|liechtensteinisch|Liechtensteiner|Vaduz|Fürstentum Liechtenstein
LT|Litauen|litauisch|Litauer|Vilnius,Wilna|Republik Litauen
LU|Luxemburg|luxemburgisch|Luxemburger||Großherzogtum Luxemburg
MG|Madagaskar|madagassisch|Madagasse|Antananarivo|Republik Madagaskar
MW|Malawi|malawisch|Malawier|Lilongwe|Republik Malawi
MY|Malaysia|malaysisch|Malaysier|Kuala Lumpur,Putrajaya|
MV|Malediven|maledivisch|Malediver|Malé|Republik Malediven
ML|Mali|malisch|Malier|Bamako|Republik Mali
MT|Malta|maltesisch|Malteser|Valletta|Republik Malta
MH|Marshallinseln|marshallisch|Marshaller|Majuro|Republik Marshallinseln
MR|Mauretanien|mauretanisch|Mauretanier|Nouakchott|Islamische Republik Mauretanien
MU|Mauritius|mauritisch|Mauritier|Port Louis|Republik Mauritius
MX|Mexiko|mexikanisch|Mexikaner|Mexiko-Stadt|Vereinigte Mexikanische Staaten
FM|Mikronesien|mikronesisch|Mikronesier|Palikir|Föderierte Staaten von Mikronesien
MD|Moldau|moldauisch,moldawisch|Moldauer|Chișinău,Chisinau,Kischinau|Republik Moldau,Moldawien,Moldova
MC|Monaco|monegassisch|Monegasse||Fürstentum Monaco
MN|Mongolei|mongolisch|Mongole|Ulaanbaatar,Ulan Bator|
ME|Montenegro|montenegrinisch|Montenegriner|Podgorica|
MA|Marokko|marokkanisch|Marokkaner|Rabat|Königreich Marokko
MZ|Mosambik|mosambikanisch|Mosambikaner|Maputo|Republik Mosambik
MM|Myanmar|myanmarisch,birmanisch|Myanmare,Birmane|Naypyidaw,Naypyitaw,Rangun|Birma,Burma
NA|Namibia|namibisch|Namibier|Windhoek|Republik Namibia
NR|Nauru|nauruisch|Nauruer|Yaren|Republik Nauru
NP|Nepal|nepalesisch|Nepalese|Kathmandu|
NL|Niederlande|niederländisch,holländisch|Niederländer,Holländer|Amsterdam,Den Haag|Niederlanden,Holland,Königreich der Niederlande
NZ|Neuseeland|neuseeländisch|Neuseeländer|Wellington|
NI|Nicaragua|nicaraguanisch|Nicaraguaner|Managua|Republik Nicaragua
NE|Niger|nigrisch|Nigrer|Niamey|Republik Niger
NG|Nigeria|nigerianisch|Nigerianer|Abuja|Bundesrepublik Nigeria
MK|Nordmazedonien|nordmazedonisch,mazedonisch|Nordmazedonier,Mazedonier|Skopje|Mazedonien,Republik Nordmazedonien
NO|Norwegen|norwegisch|Norweger|Oslo|Königreich Norwegen
OM|Oman|omanisch|Omaner|Maskat|Sultanat Oman
PK|Pakistan|pakistanisch|Pakistaner|Islamabad|Islamische Republik Pakistan
PW|Palau|palauisch|Palauer|Ngerulmud|
PA|Panama|panamaisch|Panamaer|Panama-Stadt|Republik Panama
PG|Papua-Neuguinea|papua-neuguineisch|Papua-Neuguineer|Port Moresby|Papua Neuguinea
PY|Paraguay|paraguayisch|Paraguayer|Asunción|Republik Paraguay
PE|Peru|peruanisch|Peruaner|Lima|Republik Peru
PH|Philippinen|philippinisch|Philippiner,Filipino|Manila|Philippinen
PL|Polen|polnisch|Pole|Warschau|Republik Polen
PT|Portugal|portugiesisch|Portugiese|Lissabon|Portugiesische Republik
QA|Katar|katarisch|Katarer|Doha|Staat Katar,Qatar
RO|Rumänien|rumänisch|Rumäne|Bukarest|
RU|Russland|russisch|Russe|Moskau,Kreml|Russische Föderation,Russischen Föderation,Russländische Föderation
RW|Ruanda|ruandisch|Ruander|Kigali|Republik Ruanda
KN|St. Kitts und Nevis|||Basseterre|Saint Kitts und Nevis
LC|St. Lucia|lucianisch|Lucianer|Castries|Saint Lucia
VC|St. Vincent und die Grenadinen|vincentisch|Vincenter|Kingstown|Saint Vincent und die Grenadinen
WS|Samoa|samoanisch|Samoaner|Apia|Unabhängiger Staat Samoa
SM|San Marino|san-marinesisch|San-Marinese||Republik San Marino
ST|São Tomé und Príncipe|são-toméisch|São-Toméer|São Tomé|Sao Tome und Principe
SA|Saudi-Arabien|saudi-arabisch,saudisch|Saudi-Araber,Saudi|Riad,Riyadh|Königreich Saudi-Arabien
SN|Senegal|senegalesisch|Senegalese|Dakar|Republik Senegal
RS|Serbien|serbisch|Serbe|Belgrad|Republik Serbien
SC|Seychellen|seychellisch|Seycheller||Republik Seychellen
SL|Sierra Leone|sierra-leonisch|Sierra-Leoner|Freetown|Republik Sierra Leone
SG|Singapur|singapurisch|Singapurer||Republik Singapur
SK|Slowakei|slowakisch|Slowake|Bratislava,Pressburg|Slowakische Republik
SI|Slowenien|slowenisch|Slowene|Ljubljana,Laibach|Republik Slowenien
SB|Salomonen|salomonisch|Salomoner|Honiara|Salomoninseln,Salomon-Inseln,Solomonen
SO|Somalia|somalisch|Somalier|Mogadischu|Bundesrepublik Somalia
ZA|Südafrika|südafrikanisch|Südafrikaner|Pretoria,Kapstadt|Republik Südafrika
SS|Südsudan|südsudanesisch|Südsudanese|Juba,Dschuba|Republik Südsudan
ES|Spanien|spanisch|Spanier|Madrid,Moncloa|Königreich Spanien
LK|Sri Lanka|sri-lankisch|Sri-Lanker|Colombo,Sri Jayewardenepura Kotte|Ceylon
SD|Sudan|sudanesisch|Sudanese|Khartum|Republik Sudan
SR|Suriname|surinamisch|Surinamer|Paramaribo|Surinam
SE|Schweden|schwedisch|Schwede|Stockholm|Königreich Schweden
CH|Schweiz|schweizerisch,eidgenössisch|Schweizer|Bern|Schweizerische Eidgenossenschaft,Eidgenossenschaft
SY|Syrien|syrisch|Syrer|Damaskus|Arabische Republik Syrien
TJ|Tadschikistan|tadschikisch|Tadschike|Duschanbe|Republik Tadschikistan
TZ|Tansania|tansanisch|Tansanier|Dodoma,Daressalam|Vereinigte Republik Tansania
TH|Thailand|thailändisch|Thailänder|Bangkok|Königreich Thailand
TL|Osttimor|osttimoresisch|Osttimorese|Dili|Timor-Leste
TG|Togo|togoisch|Togoer|Lomé|Republik Togo
TO|Tonga|tongaisch|Tongaer|Nukuʻalofa|Königreich Tonga
TT|Trinidad und Tobago|trinidadisch|Trinidader|Port of Spain|
TN|Tunesien|tunesisch|Tunesier|Tunis|Tunesische Republik
TR|Türkei|türkisch|Türke|Ankara|Republik Türkei,Türkiye
TM|Turkmenistan|turkmenisch|Turkmene|Aschgabat|
TV|Tuvalu|tuvaluisch|Tuvaluer|Funafuti|
UG|Uganda|ugandisch|Ugander|Kampala|Republik Uganda
UA|Ukraine|ukrainisch|Ukrainer|Kiew,Kyjiw,Kyiv|
AE|Vereinigte Arabische Emirate|emiratisch|Emirater,Emirati|Abu Dhabi,Abu Dabi|Vereinigten Arabischen Emirate,Vereinigten Arabischen Emiraten,VAE,Emirate
GB|Großbritannien|britisch,schottisch,walisisch,nordirisch|Brite,Schotte,Waliser,Nordire|London,Downing Street,Whitehall|Vereinigtes Königreich,Vereinigten Königreich,Vereinigten Königreichs,Vereinigtes Königreich Großbritannien und Nordirland,UK,England,Schottland,Wales,Nordirland
US|USA|US-amerikanisch,amerikanisch|US-Amerikaner,Amerikaner|Washington,Weißes Haus,Weiße Haus,Weißen Haus,Weißen Hauses,Pentagon,Kapitol,Capitol|Vereinigte Staaten,Vereinigten Staaten,Vereinigte Staaten von Amerika,Vereinigten Staaten von Amerika,US,U.S.,Amerika
UY|Uruguay|uruguayisch|Uruguayer|Montevideo|Republik Östlich des Uruguay
UZ|Usbekistan|usbekisch|Usbeke|Taschkent|Republik Usbekistan
VU|Vanuatu|vanuatuisch|Vanuatuer|Port Vila|Republik Vanuatu
VE|Venezuela|venezolanisch|Venezolaner|Caracas,Miraflores|Bolivarische Republik Venezuela
VN|Vietnam|vietnamesisch|Vietnamese|Hanoi|Sozialistische Republik Vietnam
YE|Jemen|jemenitisch|Jemenit|Sanaa,Aden|Republik Jemen
ZM|Sambia|sambisch|Sambier|Lusaka|Republik Sambia
ZW|Simbabwe|simbabwisch|Simbabwer|Harare|Republik Simbabwe
AT|Österreich|österreichisch|Österreicher|Wien,Ballhausplatz,Hofburg|Republik Österreich
TW|Taiwan|taiwanisch|Taiwaner|Taipeh,Taipei|Republik China,Republik China (Taiwan)
XK|Kosovo|kosovarisch|Kosovare|Pristina,Priština|Republik Kosovo
PS|Palästina|palästinensisch|Palästinenser|Gaza,Gaza-Stadt|Staat Palästina,Palästinensische Autonomiegebiete,Palästinensischen Autonomiegebiete,Palästinensergebiete,Westjordanland,Gazastreifen,Ramallah
VA|Vatikanstadt|vatikanisch||Heiliger Stuhl,Heiligen Stuhl,Heiligen Stuhls|Vatikan,Staat Vatikanstadt
"""

# npm names that are not used: ISO-style forms with commas.
def npm_names(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)["countries"]
    out = {}
    for code, v in data.items():
        names = v if isinstance(v, list) else [v]
        out[code] = [n for n in names if "," not in n]
    return out


def demonym_forms(spec):
    out = []
    for d in spec:
        if not d:
            continue
        if d.endswith("*"):  # adjectival noun: Deutscher
            s = d[:-1]
            out += [s + "er", s + "e", s + "en"]
            continue
        fem = None
        if "/" in d:
            d, fem = d.split("/")
        if d.endswith("e"):
            stem = d[:-1]
            out += [d, d + "n", fem or stem + "in", (fem or stem + "in") + "nen"]
        elif d.endswith("er"):
            out += [d, d + "n", fem or d + "in", (fem or d + "in") + "nen"]
        elif d.endswith("i") or d.endswith("o"):  # Israeli, Filipino
            out += [d, d + "s"]
            if d.endswith("i"):
                out += [fem or d + "n"]
        else:
            out += [d, d + "en", fem or d + "in", (fem or d + "in") + "nen"]
    return out


def main():
    npm = npm_names(sys.argv[1]) if len(sys.argv) > 1 else {}
    rows = []
    for line in CURATED.strip().splitlines():
        code, short, adjs, dems, caps, extra = line.split("|")
        forms = [short] + [x for x in extra.split(",") if x]
        for n in npm.get(code, []):
            if n not in forms and n != "Palästinensische Autonomiegebiete" or False:
                forms.append(n)
        seen = []
        for f in forms:
            if f and f not in seen:
                seen.append(f)
        rows.append((code, short, seen, [a for a in adjs.split(",") if a],
                     demonym_forms(dems.split(",")), [c for c in caps.split(",") if c]))
    codes = [r[0] for r in rows]
    assert len(codes) == len(set(codes)) == 197, len(set(codes))
    print("# code\tname\tforms\tadjective stems\tdemonyms\tcapitals and metonyms")
    print("# Generated by generate_countries.py; lists are separated by '|'. See SOURCES.md.")
    for code, short, forms, adjs, dems, caps in sorted(rows):
        print("\t".join([code, short, "|".join(forms), "|".join(adjs), "|".join(dems), "|".join(caps)]))


main()

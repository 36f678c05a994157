<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sw">
<context>
    <name>About</name>
    <message>
        <location filename="../../desktop/dialogs/about.py" line="11"/>
        <source>&lt;h3&gt;Quartier {version}&lt;/h3&gt;&lt;p&gt;Participatory mapping of neighbourhoods, offline: draw facilities, transport lines and risk zones with residents, on top of OpenStreetMap and hazard maps.&lt;/p&gt;&lt;p&gt;Free software under the GNU GPL, version 3 or later.&lt;/p&gt;&lt;p&gt;Map data © OpenStreetMap contributors, available under the Open Database Licence (ODbL 1.0).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Quartier {version}&lt;/h3&gt;&lt;p&gt;Uchoraji ramani shirikishi wa mitaa, bila mtandao: chora vituo vya huduma, njia za usafiri wa umma na maeneo ya hatari pamoja na wakazi, juu ya OpenStreetMap na ramani za hatari.&lt;/p&gt;&lt;p&gt;Programu huria chini ya leseni ya GNU GPL, toleo la 3 au la baadaye.&lt;/p&gt;&lt;p&gt;Data ya ramani © wachangiaji wa OpenStreetMap, inapatikana chini ya leseni ya Open Database Licence (ODbL 1.0).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/about.py" line="33"/>
        <source>About Quartier</source>
        <translation>Kuhusu Quartier</translation>
    </message>
</context>
<context>
    <name>AddPlaceTool</name>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="38"/>
        <source>Add place: click where the place is, then say what it is.</source>
        <translation>Ongeza mahali: bofya pale mahali palipo, kisha sema ni nini.</translation>
    </message>
</context>
<context>
    <name>AddStopsTool</name>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="186"/>
        <source>Add stops: click on a transport line first.</source>
        <translation>Ongeza vituo: kwanza bofya njia ya usafiri wa umma.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="187"/>
        <source>Add stops: click along the line where each stop is, in order, and name it. Escape to pick another line.</source>
        <translation>Ongeza vituo: bofya kando ya njia pale kila kituo kilipo, kwa mpangilio, na ukipe jina. Escape kuchagua njia nyingine.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="233"/>
        <source>this line</source>
        <translation>njia hii</translation>
    </message>
</context>
<context>
    <name>AnalysisAnswers</name>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="84"/>
        <source>{percent}%</source>
        <translation>{percent}%</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="95"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="95"/>
        <source> ha</source>
        <translation> ha</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="96"/>
        <source> people</source>
        <translation> watu</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="103"/>
        <source>{exposure} exposed to {hazard}: {affected}{unit} in the affected classes ({marked}); {exposed}{unit} in any class, {not_exposed}{unit} not exposed, out of {total}{unit}.</source>
        <translation>{exposure} na hatari ya {hazard}: {affected}{unit} katika madaraja yaliyoathirika ({marked}); {exposed}{unit} katika daraja lolote, {not_exposed}{unit} nje ya hatari, kati ya {total}{unit}.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="108"/>
        <source>none</source>
        <translation>hakuna</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="114"/>
        <source>{name} (affected)</source>
        <translation>{name} (imeathirika)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="117"/>
        <source>Affected</source>
        <translation>Walioathirika</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="117"/>
        <source>Not exposed</source>
        <translation>Hawako hatarini</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="117"/>
        <source>Total</source>
        <translation>Jumla</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="125"/>
        <location filename="../../desktop/panels/analysis_answers.py" line="257"/>
        <source>All</source>
        <translation>Zote</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="131"/>
        <location filename="../../desktop/panels/analysis_answers.py" line="261"/>
        <source>By area</source>
        <translation>Kwa eneo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="136"/>
        <source>By type</source>
        <translation>Kwa aina</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="165"/>
        <source>above {low}</source>
        <translation>juu ya {low}</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="168"/>
        <source>affected</source>
        <translation>imeathirika</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="168"/>
        <source>not affected</source>
        <translation>haijaathirika</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="174"/>
        <source>low</source>
        <translation>chini</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="174"/>
        <source>medium</source>
        <translation>wastani</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="174"/>
        <source>high</source>
        <translation>juu</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="175"/>
        <source>dry</source>
        <translation>kavu</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="175"/>
        <source>wet</source>
        <translation>kuna maji</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="176"/>
        <source>use caution</source>
        <translation>tahadhari</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="179"/>
        <source>residential</source>
        <translation>makazi</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="179"/>
        <source>education</source>
        <translation>elimu</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="180"/>
        <source>health</source>
        <translation>afya</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="180"/>
        <source>worship</source>
        <translation>ibada</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="181"/>
        <source>government</source>
        <translation>serikali</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="181"/>
        <source>commercial</source>
        <translation>biashara</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="182"/>
        <source>other</source>
        <translation>nyingine</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="188"/>
        <source>{routed} of {buildings} buildings have a safe route avoiding {hazard}; {missing} have none.</source>
        <translation>Majengo {routed} kati ya {buildings} yana njia salama inayoepuka {hazard}; {missing} hayana.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="193"/>
        <source>Walking time: median {median} min, 90% within {p90} min, longest {longest} min.</source>
        <translation>Muda wa kutembea: wastani wa kati dakika {median}, 90% ndani ya dakika {p90}, mrefu zaidi dakika {longest}.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="198"/>
        <source>Loads are in buildings: how many people live in them is not known.</source>
        <translation>Wanaotarajiwa wamehesabiwa kwa majengo: idadi ya watu wanaoishi ndani yake haijulikani.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="200"/>
        <source>The routes and the ground within 5, 10 and 15 minutes&apos; walk of each shelter are on the map.</source>
        <translation>Njia na maeneo yaliyo ndani ya dakika 5, 10 na 15 za kutembea kutoka kila makazi ya dharura yako kwenye ramani.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="207"/>
        <source>capacity not mapped</source>
        <translation>uwezo haujachorwa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="209"/>
        <source>{share} of capacity</source>
        <translation>{share} ya uwezo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="212"/>
        <source>people not known</source>
        <translation>idadi ya watu haijulikani</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="220"/>
        <source>No safe route</source>
        <translation>Hakuna njia salama</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="223"/>
        <source>Shelter</source>
        <translation>Makazi ya dharura</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="223"/>
        <location filename="../../desktop/panels/analysis_answers.py" line="263"/>
        <source>Buildings</source>
        <translation>Majengo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="225"/>
        <source>People</source>
        <translation>Watu</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="226"/>
        <source>Buildings within
15 min</source>
        <translation>Majengo ndani ya
dakika 15</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="226"/>
        <source>Capacity
(people)</source>
        <translation>Uwezo
(watu)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="227"/>
        <source>Load</source>
        <translation>Wanaotarajiwa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="238"/>
        <source>{buildings} buildings; distance along the streets to the nearest of the {kind}.</source>
        <translation>Majengo {buildings}; umbali kwa kufuata mitaa hadi kilicho karibu zaidi kati ya {kind}.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="241"/>
        <source>Median {median} m, 90% within {p90} m, farthest {farthest} m.</source>
        <translation>Wastani wa kati mita {median}, 90% ndani ya mita {p90}, mbali zaidi mita {farthest}.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="245"/>
        <source>Each building&apos;s distance is on the map.</source>
        <translation>Umbali wa kila jengo uko kwenye ramani.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="264"/>
        <source>Within {metres} m</source>
        <translation>Ndani ya mita {metres}</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="265"/>
        <source>Unreachable</source>
        <translation>Hayafikiki</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="274"/>
        <source>Building</source>
        <translation>Jengo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="274"/>
        <source>Distance</source>
        <translation>Umbali</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="275"/>
        <source>Nearest</source>
        <translation>Kilicho karibu zaidi</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="279"/>
        <source>{metres} m</source>
        <translation>mita {metres}</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="280"/>
        <source>unreachable</source>
        <translation>haifikiki</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_answers.py" line="286"/>
        <source>The {count} worst served, farthest first (dark red on the map):</source>
        <translation>Majengo {count} yenye huduma duni zaidi, la mbali zaidi kwanza (nyekundu iliyokolea kwenye ramani):</translation>
    </message>
</context>
<context>
    <name>AnalysisFlow</name>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="116"/>
        <source>&amp;Analysis</source>
        <extracomment>An analysis ended and its answer is shown: &quot;exposure&quot;, &quot;evacuation&quot; or &quot;access&quot;. An exposure result was saved as this project layer. The task under way, if any. The exposure result shown (ExposureResult), for saving it. The evacuation shown and its summary, for its report. The safe route from the last point clicked after an evacuation (working CRS coordinates, None with no route) and what was said about it.</extracomment>
        <translation>&amp;Uchambuzi</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="117"/>
        <source>Analysis</source>
        <translation>Uchambuzi</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="118"/>
        <source>Who is exposed…</source>
        <translation>Nani yuko hatarini…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="119"/>
        <source>Evacuation routes…</source>
        <translation>Njia za uokoaji…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="120"/>
        <source>Access to services…</source>
        <translation>Kufikia huduma…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="121"/>
        <source>Count the buildings, roads or land in each class of a hazard</source>
        <translation>Hesabu majengo, barabara au ardhi katika kila daraja la hatari</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="123"/>
        <source>Route every building to the nearest safe shelter, around a hazard</source>
        <translation>Tafuta njia kutoka kila jengo hadi makazi ya dharura salama yaliyo karibu zaidi, ukiepuka hatari</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="125"/>
        <source>Walking distance from every building to a kind of facility</source>
        <translation>Umbali wa kutembea kutoka kila jengo hadi aina fulani ya kituo cha huduma</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="172"/>
        <source>Cancelling…</source>
        <translation>Inaghairi…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="178"/>
        <source>The analysis stopped on an unexpected error.</source>
        <translation>Uchambuzi ulisimama kwa hitilafu isiyotarajiwa.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="202"/>
        <source>Cancelled; nothing was changed.</source>
        <translation>Imeghairiwa; hakuna kilichobadilishwa.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="215"/>
        <source>This project has no hazard layer yet: add one with Layer → Add hazard.</source>
        <translation>Mradi huu bado hauna tabaka la hatari: ongeza moja kwa Tabaka → Ongeza hatari.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="227"/>
        <source>Choose the population raster file to count first.</source>
        <translation>Kwanza chagua faili ya raster ya idadi ya watu ya kuhesabu.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="230"/>
        <source>Choose a hazard layer and a layer to count first.</source>
        <translation>Kwanza chagua tabaka la hatari na tabaka la kuhesabu.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="234"/>
        <source>Counting {layer} in each class of {hazard}…</source>
        <translation>Inahesabu {layer} katika kila daraja la {hazard}…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="261"/>
        <source>Who is exposed</source>
        <translation>Nani yuko hatarini</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="274"/>
        <source>Choose a hazard layer first.</source>
        <translation>Kwanza chagua tabaka la hatari.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="277"/>
        <source>Tick at least one hazard class to keep out of.</source>
        <translation>Weka alama angalau daraja moja la hatari la kuepuka.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="279"/>
        <location filename="../../desktop/analysis_flow.py" line="348"/>
        <source>Reading the streets…</source>
        <translation>Inasoma mitaa…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="279"/>
        <location filename="../../desktop/analysis_flow.py" line="348"/>
        <source>Reading the buildings…</source>
        <translation>Inasoma majengo…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="280"/>
        <source>Finding the nearest safe shelter from every building…</source>
        <translation>Inatafuta makazi ya dharura salama yaliyo karibu zaidi na kila jengo…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="281"/>
        <source>Saving the routes…</source>
        <translation>Inahifadhi njia…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="282"/>
        <source>Drawing the ground within 5, 10 and 15 minutes&apos; walk…</source>
        <translation>Inachora maeneo yaliyo ndani ya dakika 5, 10 na 15 za kutembea…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="331"/>
        <source>Evacuation routes</source>
        <translation>Njia za uokoaji</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="344"/>
        <source>Type the distances in metres, separated by commas, like 250, 500, 1000.</source>
        <translation>Andika umbali kwa mita, ukitenganisha kwa koma, kama 250, 500, 1000.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="349"/>
        <source>Measuring along the streets…</source>
        <translation>Inapima kwa kufuata mitaa…</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="376"/>
        <source>Access to services</source>
        <translation>Kufikia huduma</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="394"/>
        <source>Saved the layer {name}.</source>
        <translation>Tabaka {name} limehifadhiwa.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="398"/>
        <source>Saving the result as a layer</source>
        <translation>Inahifadhi matokeo kama tabaka</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="412"/>
        <source>Write report</source>
        <translation>Andika ripoti</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="413"/>
        <source>PDF (*.pdf);;Web page (*.html)</source>
        <translation>PDF (*.pdf);;Ukurasa wa wavuti (*.html)</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="440"/>
        <location filename="../../desktop/analysis_flow.py" line="511"/>
        <source>Wrote {file}.</source>
        <translation>{file} imeandikwa.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="443"/>
        <location filename="../../desktop/analysis_flow.py" line="514"/>
        <source>Writing the report</source>
        <translation>Inaandika ripoti</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="461"/>
        <source>No safe route from here: every way out crosses a zone to keep out of.</source>
        <translation>Hakuna njia salama kutoka hapa: kila njia ya kutoka inapita eneo la kuepuka.</translation>
    </message>
    <message>
        <location filename="../../desktop/analysis_flow.py" line="471"/>
        <source>From here: {metres} m, {minutes} min on foot to {place}.</source>
        <translation>Kutoka hapa: mita {metres}, dakika {minutes} kwa miguu hadi {place}.</translation>
    </message>
</context>
<context>
    <name>AnalysisPanel</name>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="183"/>
        <source>Population raster</source>
        <extracomment>Data of the exposure choice &quot;a population raster file&quot; (not a project layer). Layers one can analyse, when the project has them (reference layers come after). Ready-made class schemes offered (keys of mapping.analysis.schemes.SCHEMES). Run the exposure analysis: hazard, exposure (None with population), population (a raster file or None), by, by_field, scheme (key or None). Run evacuation routing: hazard, avoid (class names ticked), affected (the layer&apos;s affected class names), walk_speed, population (an area layer or None). Run access to services: kind, within (the text typed), by, by_field. Stop the analysis under way. Save the exposure result shown as a project layer. Write the exposure result shown as a report. The figures of the last answer, as shown (None: no answer shown). How figures are written (thousands, decimals): the interface language&apos;s way. Whether &quot;Save as a layer&quot; and &quot;Write report…&quot; are offered (set by the flow).</extracomment>
        <translation>Raster ya idadi ya watu</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="184"/>
        <source>Rasters (*.tif *.tiff *.asc);;All files (*)</source>
        <translation>Raster (*.tif *.tiff *.asc);;Faili zote (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="281"/>
        <location filename="../../desktop/panels/analysis_panel.py" line="481"/>
        <source>(none: the whole project area)</source>
        <extracomment>Class name -&gt; its tick, for the chosen hazard layer&apos;s own classes. Hazard layer -&gt; its classes, lowest first: (name, affected).</extracomment>
        <translation>(hakuna: eneo lote la mradi)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="282"/>
        <location filename="../../desktop/panels/analysis_panel.py" line="467"/>
        <source>(none)</source>
        <translation>(hakuna)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="283"/>
        <location filename="../../desktop/panels/analysis_panel.py" line="460"/>
        <source>(the buildings&apos; own, if mapped)</source>
        <translation>(ile ya majengo yenyewe, kama imechorwa)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="308"/>
        <location filename="../../desktop/panels/analysis_panel.py" line="435"/>
        <source>A population raster file…</source>
        <translation>Faili ya raster ya idadi ya watu…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="318"/>
        <source>Water points</source>
        <translation>Vituo vya maji</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="318"/>
        <source>Clinics and health centres</source>
        <translation>Zahanati na vituo vya afya</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="319"/>
        <source>Hospitals</source>
        <translation>Hospitali</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="319"/>
        <source>Pharmacies</source>
        <translation>Maduka ya dawa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="320"/>
        <source>Schools</source>
        <translation>Shule</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="320"/>
        <source>Kindergartens</source>
        <translation>Shule za chekechea</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="321"/>
        <source>Toilets</source>
        <translation>Vyoo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="321"/>
        <source>Markets</source>
        <translation>Masoko</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="322"/>
        <source>Police stations</source>
        <translation>Vituo vya polisi</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="322"/>
        <source>Fire stations</source>
        <translation>Vituo vya zimamoto</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="323"/>
        <source>Places of worship</source>
        <translation>Nyumba za ibada</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="324"/>
        <source>Community centres</source>
        <translation>Vituo vya jamii</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="325"/>
        <source>Shelters and evacuation centres</source>
        <translation>Makazi ya dharura na vituo vya uokoaji</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="389"/>
        <source>Working…</source>
        <translation>Inafanya kazi…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="421"/>
        <source>Who is exposed</source>
        <translation>Nani yuko hatarini</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="422"/>
        <source>Evacuation</source>
        <translation>Uokoaji</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="423"/>
        <source>Access</source>
        <translation>Kufikia</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="425"/>
        <location filename="../../desktop/panels/analysis_panel.py" line="449"/>
        <source>Hazard:</source>
        <translation>Hatari:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="425"/>
        <source>Layer to count:</source>
        <translation>Tabaka la kuhesabu:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="426"/>
        <source>Raster file:</source>
        <translation>Faili ya raster:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="427"/>
        <source>Hazard classes:</source>
        <translation>Madaraja ya hatari:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="427"/>
        <location filename="../../desktop/panels/analysis_panel.py" line="464"/>
        <source>By area:</source>
        <translation>Kwa eneo:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="428"/>
        <location filename="../../desktop/panels/analysis_panel.py" line="465"/>
        <source>Area names from:</source>
        <translation>Majina ya maeneo kutoka:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="430"/>
        <source>Browse…</source>
        <translation>Tafuta faili…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="431"/>
        <source>A population raster: people per cell (GeoTIFF or ESRI ASCII grid)</source>
        <translation>Raster ya idadi ya watu: watu kwa kila kisanduku (GeoTIFF au gridi ya ESRI ASCII)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="436"/>
        <source>The layer&apos;s own classes</source>
        <translation>Madaraja ya tabaka lenyewe</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="437"/>
        <source>Generic high, medium, low</source>
        <translation>Ya jumla: juu, wastani, chini</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="437"/>
        <source>Flood: wet or dry (1 m)</source>
        <translation>Mafuriko: kuna maji au kavu (m 1)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="438"/>
        <source>Flood in 4 classes (0.1, 0.7, 1.5 m)</source>
        <translation>Mafuriko kwa madaraja 4 (m 0.1, 0.7, 1.5)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="439"/>
        <source>Tsunami (0.1, 1, 3 m)</source>
        <translation>Tsunami (m 0.1, 1, 3)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="446"/>
        <source>How hazard values become classes, and which classes count as affected</source>
        <translation>Jinsi thamani za hatari zinavyokuwa madaraja, na madaraja yapi yanahesabiwa kuwa yameathirika</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="449"/>
        <source>Keep out of:</source>
        <translation>Epuka:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="450"/>
        <source>Walking speed:</source>
        <translation>Kasi ya kutembea:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="450"/>
        <source>People from:</source>
        <translation>Watu kutoka:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="456"/>
        <source>A layer of areas with a population field (a census): its people are shared among the buildings of each area</source>
        <translation>Tabaka la maeneo lenye sehemu ya idadi ya watu (sensa): watu wake wanagawanywa kati ya majengo ya kila eneo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="461"/>
        <source> m/s</source>
        <translation> m/s</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="462"/>
        <source>Facility:</source>
        <translation>Kituo cha huduma:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="463"/>
        <source>Within (metres):</source>
        <translation>Ndani ya (mita):</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="468"/>
        <source>Distances in metres, separated by commas</source>
        <translation>Umbali kwa mita, ukitenganishwa kwa koma</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="469"/>
        <source>Run</source>
        <translation>Anza</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="470"/>
        <source>Cancel</source>
        <translation>Ghairi</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="471"/>
        <source>Stop this analysis; nothing will be changed</source>
        <translation>Simamisha uchambuzi huu; hakuna kitakachobadilishwa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="472"/>
        <source>Copy table</source>
        <translation>Nakili jedwali</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="473"/>
        <source>Copy the table, to paste into a spreadsheet</source>
        <translation>Nakili jedwali, ili ulibandike kwenye lahajedwali</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="474"/>
        <source>Save as a layer</source>
        <translation>Hifadhi kama tabaka</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="475"/>
        <source>Add each feature with its hazard class to the project, as a map layer</source>
        <translation>Ongeza kila kipengele pamoja na daraja lake la hatari kwenye mradi, kama tabaka la ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="477"/>
        <source>Write report…</source>
        <translation>Andika ripoti…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/analysis_panel.py" line="478"/>
        <source>The question, the figures and the assumptions, as HTML or PDF</source>
        <translation>Swali, takwimu na makisio, kama HTML au PDF</translation>
    </message>
</context>
<context>
    <name>ClassesEditor</name>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="210"/>
        <source>class {number}</source>
        <translation>daraja {number}</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="283"/>
        <source>Every class needs a name.</source>
        <translation>Kila daraja linahitaji jina.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="285"/>
        <source>Every class needs at least one word.</source>
        <translation>Kila daraja linahitaji angalau neno moja.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="290"/>
        <source>A word is in two classes, or two classes have one name.</source>
        <translation>Neno moja liko katika madaraja mawili, au madaraja mawili yana jina moja.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="291"/>
        <source>Each limit must be higher than the one above it, and each class needs its own name.</source>
        <translation>Kila kikomo lazima kiwe juu kuliko kile kilicho juu yake, na kila daraja linahitaji jina lake.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="294"/>
        <source>Tick at least one class as affected.</source>
        <translation>Weka alama angalau daraja moja kuwa limeathirika.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="322"/>
        <source>no limit</source>
        <translation>bila kikomo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="337"/>
        <source>Class</source>
        <translation>Daraja</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="337"/>
        <source>Words</source>
        <translation>Maneno</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="337"/>
        <source>Up to</source>
        <translation>Hadi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="338"/>
        <source>Affected</source>
        <translation>Imeathirika</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="339"/>
        <source>Ready-made classes</source>
        <translation>Madaraja yaliyoandaliwa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="340"/>
        <source>Not in any class at or below</source>
        <translation>Haiko katika daraja lolote hadi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="341"/>
        <source>Words in no class</source>
        <translation>Maneno yasiyo katika daraja</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="342"/>
        <source>Unit</source>
        <translation>Kipimo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="343"/>
        <source>Add a class</source>
        <translation>Ongeza daraja</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="344"/>
        <source>Remove the class</source>
        <translation>Ondoa daraja</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="347"/>
        <source>Choose…</source>
        <translation>Chagua…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="348"/>
        <source>Low, medium, high</source>
        <translation>Chini, wastani, juu</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="349"/>
        <source>Flood: wet or dry (wet above 1 m)</source>
        <translation>Mafuriko: kuna maji au kavu (kuna maji zaidi ya m 1)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="350"/>
        <source>Flood in four classes (use caution, low, medium, high)</source>
        <translation>Mafuriko kwa madaraja manne (tahadhari, chini, wastani, juu)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="351"/>
        <source>Tsunami (dry, low, medium, high)</source>
        <translation>Tsunami (kavu, chini, wastani, juu)</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="78"/>
        <source>Someone else saved this feature</source>
        <extracomment>Background of the rows where the two versions differ.</extracomment>
        <translation>Mtu mwingine amehifadhi kipengele hiki</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="81"/>
        <source>feature</source>
        <translation>kipengele</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="83"/>
        <source>Someone else</source>
        <translation>Mtu mwingine</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="85"/>
        <source>{who} deleted {what} at {when}, after you opened it. Your change is not saved yet: keep yours (it is saved again) or theirs (it stays deleted).</source>
        <translation>{who} alifuta {what} tarehe {when}, baada ya wewe kukifungua. Badiliko lako bado halijahifadhiwa: baki na lako (kinahifadhiwa tena) au lake (kinabaki kimefutwa).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="89"/>
        <source>{who} saved {what} at {when} (version {version}), after you opened it. Your change is not saved yet: choose which version to keep.</source>
        <translation>{who} alihifadhi {what} tarehe {when} (toleo {version}), baada ya wewe kukifungua. Badiliko lako bado halijahifadhiwa: chagua toleo la kubaki nalo.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="98"/>
        <source>Field</source>
        <translation>Sehemu</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="98"/>
        <source>Theirs (saved)</source>
        <translation>Lake (limehifadhiwa)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="99"/>
        <source>Mine (not saved)</source>
        <translation>Langu (halijahifadhiwa)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="106"/>
        <source>Rows in yellow differ between the two versions.</source>
        <translation>Mistari ya rangi ya njano inatofautiana kati ya matoleo mawili.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="108"/>
        <source>Keep mine</source>
        <translation>Baki na langu</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="110"/>
        <source>Save my change on top of their version</source>
        <translation>Hifadhi badiliko langu juu ya toleo lake</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="111"/>
        <source>Keep theirs</source>
        <translation>Baki na lake</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="113"/>
        <source>Show their version and drop my change</source>
        <translation>Onyesha toleo lake na uache badiliko langu</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="137"/>
        <source>(deleted)</source>
        <translation>(imefutwa)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="153"/>
        <source>draft</source>
        <translation>rasimu</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="153"/>
        <source>verified</source>
        <translation>imethibitishwa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="154"/>
        <source>Review</source>
        <translation>Ukaguzi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="157"/>
        <source>Shape on the map</source>
        <translation>Umbo kwenye ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="157"/>
        <source>as they saved it</source>
        <translation>kama alivyolihifadhi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="158"/>
        <source>same as theirs</source>
        <translation>sawa na lake</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/conflict_dialog.py" line="158"/>
        <source>changed (moved or reshaped)</source>
        <translation>limebadilika (limesogezwa au kuchorwa upya)</translation>
    </message>
</context>
<context>
    <name>CrsDialog</name>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="130"/>
        <source>Which coordinate system?</source>
        <translation>Mfumo upi wa viwianishi?</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="132"/>
        <source>“{file}” does not say which coordinate system its coordinates are in. Which one is it? (Ask whoever made the file if you are not sure.)</source>
        <translation>“{file}” haisemi viwianishi vyake viko katika mfumo upi. Ni upi? (Kama huna uhakika, muulize aliyetengeneza faili.)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="135"/>
        <source>Longitude and latitude in degrees, as GPS and OpenStreetMap use (EPSG:4326)</source>
        <translation>Longitudo na latitudo kwa nyuzi, kama GPS na OpenStreetMap zinavyotumia (EPSG:4326)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="137"/>
        <source>The project&apos;s UTM zone ({crs}), in metres</source>
        <translation>Ukanda wa UTM wa mradi ({crs}), kwa mita</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="139"/>
        <source>Another EPSG code:</source>
        <translation>Msimbo mwingine wa EPSG:</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="141"/>
        <source>The coordinates look like degrees, so longitude and latitude is likely.</source>
        <translation>Viwianishi vinaonekana kama nyuzi, kwa hiyo huenda ni longitudo na latitudo.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="144"/>
        <source>The coordinates look like metres: a UTM zone or another projected system.</source>
        <translation>Viwianishi vinaonekana kama mita: ukanda wa UTM au mfumo mwingine wa makadirio.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/crs_dialog.py" line="167"/>
        <source>Unknown EPSG code.</source>
        <translation>Msimbo wa EPSG usiojulikana.</translation>
    </message>
</context>
<context>
    <name>DateInput</name>
    <message>
        <location filename="../../desktop/editing/field_inputs.py" line="351"/>
        <source>Pick the date on a calendar</source>
        <translation>Chagua tarehe kwenye kalenda</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/field_inputs.py" line="352"/>
        <source>A day (2024-04-21), a month (2024-04) or a year (2024)</source>
        <translation>Siku (2024-04-21), mwezi (2024-04) au mwaka (2024)</translation>
    </message>
</context>
<context>
    <name>DeleteTool</name>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="221"/>
        <source>Delete: click the place, line or area to remove.</source>
        <translation>Futa: bofya mahali, mstari au eneo la kuondoa.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="232"/>
        <source>Delete {what}?</source>
        <translation>Futa {what}?</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="236"/>
        <source>Its stop is deleted with it.</source>
        <translation>Kituo chake kinafutwa pamoja nayo.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/editing/modify_tools.py" line="237"/>
        <source>Its %n stops are deleted with it.</source>
        <translation>
            <numerusform>Kituo chake %n kinafutwa pamoja nayo.</numerusform>
            <numerusform>Vituo vyake %n vinafutwa pamoja nayo.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="238"/>
        <source>Delete</source>
        <translation>Futa</translation>
    </message>
</context>
<context>
    <name>DrawAreaTool</name>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="157"/>
        <source>Draw area: click around the zone, corner after corner; double-click or Enter to close it. Backspace takes a point back.</source>
        <translation>Chora eneo: bofya kuzunguka eneo, kona baada ya kona; bofya mara mbili au Enter kulifunga. Backspace inaondoa nukta ya mwisho.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="161"/>
        <source>An area needs at least three points.</source>
        <translation>Eneo linahitaji angalau nukta tatu.</translation>
    </message>
</context>
<context>
    <name>DrawLineTool</name>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="138"/>
        <source>Draw line: click where the line starts, where it turns and where it ends; it follows the streets between clicks. Double-click or Enter to finish.</source>
        <extracomment>Layer the shape goes to. Fewest points the shape needs. Snap to roads only (lines) or to roads and buildings (areas). Whether the shape closes (an area).</extracomment>
        <translation>Chora mstari: bofya pale mstari unapoanzia, unapogeuka na unapoishia; unafuata mitaa kati ya mibofyo. Bofya mara mbili au Enter kumaliza.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="141"/>
        <source>Draw line: click where the line starts, at each turn and where it ends; double-click or Enter to finish. Backspace takes a point back.</source>
        <translation>Chora mstari: bofya pale mstari unapoanzia, kila unapogeuka na unapoishia; bofya mara mbili au Enter kumaliza. Backspace inaondoa nukta ya mwisho.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/draw_tools.py" line="145"/>
        <source>A line needs at least two points.</source>
        <translation>Mstari unahitaji angalau nukta mbili.</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <location filename="../../desktop/editing/controller.py" line="203"/>
        <source>Preparing snapping to streets and buildings</source>
        <extracomment>How near (pixels) a click must be to a feature to pick it. How near (pixels) a click snaps to a road or building. Base layers whose objects &quot;Tag existing&quot; describes, top first. Every participatory layer. A mapping session started or ended. Another feature (or none) is selected. The Describe panel has something else to ask (see :attr:`pending`). A feature was added, changed or removed (layer, uuid), once its layer is redrawn. Undo and redo changed. An edit was refused (the exception; its text is one plain sentence). An edit was refused because someone saved the feature since it was shown (a Conflict). Something worth telling the mapper (a repaired outline), translated. Someone else saved the feature whose form is open (its uuid). Snapping to streets and buildings is ready. The project file, or its team-server address (password included, in memory only). Snapping to roads only (transport lines, stops) and to roads and buildings (areas). The version of the selected feature the map shows (edits expect it). Draw transport lines along the streets between clicks.</extracomment>
        <translation>Inaandaa kunasa kwenye mitaa na majengo</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/controller.py" line="369"/>
        <source>Start a mapping session first.</source>
        <translation>Kwanza anza kikao cha uchoraji ramani.</translation>
    </message>
</context>
<context>
    <name>EditShapeTool</name>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="62"/>
        <source>Edit shape: click a feature, drag its square handles; double-click a side to add a corner, right-click a handle to remove it.</source>
        <extracomment>How near (pixels) the mouse must be to a vertex handle to take it. A press that moves less than this (pixels) is a click, not a drag.</extracomment>
        <translation>Hariri umbo: bofya kipengele, buruta vishikio vyake vya mraba; bofya mara mbili upande ili kuongeza kona, bofya kulia kishikio ili kukiondoa.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="89"/>
        <source>This corner cannot be removed: a line needs two points and an area three.</source>
        <translation>Kona hii haiwezi kuondolewa: mstari unahitaji nukta mbili na eneo nukta tatu.</translation>
    </message>
</context>
<context>
    <name>EditToolbar</name>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="183"/>
        <source>Snapping to streets and buildings is ready.</source>
        <extracomment>Tools in toolbar order (name, tool class, icon); None is a separator. The session dialog while it is open. The toolbar&apos;s one review button: pressed while the selected feature is verified. The answers the open form showed when it was filled (to tell whether it changed). The dialog asking which of two saved versions to keep, while it is up.</extracomment>
        <translation>Kunasa kwenye mitaa na majengo kuko tayari.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="194"/>
        <source>Edit toolbar</source>
        <translation>Upau wa kuhariri</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="195"/>
        <source>&amp;Edit</source>
        <translation>&amp;Hariri</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="196"/>
        <location filename="../../desktop/editing/edit_toolbar.py" line="409"/>
        <location filename="../../desktop/editing/edit_toolbar.py" line="419"/>
        <source>Describe</source>
        <translation>Eleza</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="198"/>
        <source>Mapping session…</source>
        <translation>Kikao cha uchoraji ramani…</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="199"/>
        <source>Start a mapping session: your name and the session&apos;s</source>
        <translation>Anza kikao cha uchoraji ramani: jina lako na la kikao</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="201"/>
        <source>End the mapping session</source>
        <translation>Maliza kikao cha uchoraji ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="202"/>
        <source>Stop mapping (everything is already saved)</source>
        <translation>Acha kuchora ramani (kila kitu tayari kimehifadhiwa)</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="203"/>
        <source>Add place</source>
        <translation>Ongeza mahali</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="204"/>
        <source>Add a facility: a clinic, a school, a water point…</source>
        <translation>Ongeza kituo cha huduma: zahanati, shule, kituo cha maji…</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="206"/>
        <source>Draw line</source>
        <translation>Chora mstari</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="207"/>
        <source>Draw a minibus or motorcycle taxi line</source>
        <translation>Chora njia ya daladala au bodaboda</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="208"/>
        <source>Draw area</source>
        <translation>Chora eneo</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="209"/>
        <source>Draw a risk zone: floods, landslides, fires…</source>
        <translation>Chora eneo la hatari: mafuriko, maporomoko ya ardhi, moto…</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="211"/>
        <source>Add stops</source>
        <translation>Ongeza vituo</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="212"/>
        <source>Add the stops of a transport line, in order</source>
        <translation>Ongeza vituo vya njia ya usafiri wa umma, kwa mpangilio</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="214"/>
        <source>Tag existing</source>
        <translation>Eleza kilichopo</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="215"/>
        <source>Say what a building or place of the base map is (e.g. a school)</source>
        <translation>Sema jengo au mahali kwenye ramani ya msingi ni nini (k.m. shule)</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="217"/>
        <source>Edit shape</source>
        <translation>Hariri umbo</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="218"/>
        <source>Move, add or remove the corners of a line or area</source>
        <translation>Sogeza, ongeza au ondoa kona za mstari au eneo</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="220"/>
        <source>Move</source>
        <translation>Sogeza</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="221"/>
        <source>Drag a place, line or area to where it is</source>
        <translation>Buruta mahali, mstari au eneo hadi pale lilipo</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="222"/>
        <source>Delete</source>
        <translation>Futa</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="223"/>
        <source>Remove a place, line or area</source>
        <translation>Ondoa mahali, mstari au eneo</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="224"/>
        <source>Split line</source>
        <translation>Gawa mstari</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="225"/>
        <source>Cut a transport line in two</source>
        <translation>Kata njia ya usafiri wa umma sehemu mbili</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="226"/>
        <source>Merge lines</source>
        <translation>Unganisha mistari</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="227"/>
        <source>Join two transport lines whose ends meet</source>
        <translation>Unganisha njia mbili za usafiri wa umma ambazo ncha zake zinakutana</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="228"/>
        <source>Follow the roads</source>
        <translation>Fuata barabara</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="229"/>
        <source>Draw lines along the streets between your clicks</source>
        <translation>Chora mistari kwa kufuata mitaa kati ya mibofyo yako</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="231"/>
        <source>Details</source>
        <translation>Maelezo</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="232"/>
        <source>Change the answers about the selected feature</source>
        <translation>Badilisha majibu kuhusu kipengele kilichochaguliwa</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="233"/>
        <source>Mark verified</source>
        <translation>Thibitisha</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="234"/>
        <source>A facilitator checked the selected feature</source>
        <translation>Mwezeshaji amekagua kipengele kilichochaguliwa</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="235"/>
        <source>Mark draft</source>
        <translation>Rudisha kuwa rasimu</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="236"/>
        <source>The selected feature still needs checking</source>
        <translation>Kipengele kilichochaguliwa bado kinahitaji kukaguliwa</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="237"/>
        <source>Verified</source>
        <translation>Imethibitishwa</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="238"/>
        <source>Pressed when a facilitator has checked the selected feature; press to mark it verified, again to mark it draft</source>
        <translation>Kimebonyezwa mwezeshaji akishakagua kipengele kilichochaguliwa; bonyeza kukiweka imethibitishwa, tena kukiweka rasimu</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="243"/>
        <source>Take back the last change</source>
        <translation>Rudisha badiliko la mwisho</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="244"/>
        <source>Do again the change taken back</source>
        <translation>Fanya tena badiliko lililorudishwa</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="273"/>
        <source>Undo {edit}</source>
        <translation>Tendua {edit}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="274"/>
        <location filename="../../desktop/editing/edit_toolbar.py" line="277"/>
        <source>Undo</source>
        <translation>Tendua</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="275"/>
        <source>Redo {edit}</source>
        <translation>Rudia {edit}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="276"/>
        <location filename="../../desktop/editing/edit_toolbar.py" line="278"/>
        <source>Redo</source>
        <translation>Rudia</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="289"/>
        <source>Session</source>
        <translation>Kikao</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="295"/>
        <source>Mapping as {name} · {session}</source>
        <translation>Unachora ramani kama {name} · {session}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="306"/>
        <source>Open or create a project first.</source>
        <translation>Kwanza fungua au unda mradi.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="308"/>
        <source>Start a mapping session to edit (the Session button).</source>
        <translation>Anza kikao cha uchoraji ramani ili kuhariri (kitufe cha Kikao).</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="310"/>
        <source>Select a feature on the map first.</source>
        <translation>Kwanza chagua kipengele kwenye ramani.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="313"/>
        <source>Nothing to undo yet.</source>
        <translation>Bado hakuna cha kutendua.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="314"/>
        <source>Nothing to redo.</source>
        <translation>Hakuna cha kurudia.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="406"/>
        <source>Details of {what}</source>
        <translation>Maelezo ya {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="411"/>
        <source>This building or place: what is it?</source>
        <translation>Jengo au mahali hapa: ni nini?</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="415"/>
        <source>New place: what is it?</source>
        <translation>Mahali papya: ni nini?</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="416"/>
        <source>New transport line: what is it?</source>
        <translation>Njia mpya ya usafiri wa umma: ni nini?</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="417"/>
        <source>New risk zone: what is the danger?</source>
        <translation>Eneo jipya la hatari: hatari ni ipi?</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="432"/>
        <source>It has no name: if it has one, add it with Details.</source>
        <translation>Halina jina: kama lina jina, liongeze kwa Maelezo.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="433"/>
        <source>Saved.</source>
        <translation>Imehifadhiwa.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="460"/>
        <source>Someone else saved this feature while its form is open: saving will show both versions.</source>
        <translation>Mtu mwingine amehifadhi kipengele hiki fomu yake ikiwa wazi: kuhifadhi kutaonyesha matoleo yote mawili.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="472"/>
        <source>Not saved: someone else saved this feature meanwhile.</source>
        <translation>Haijahifadhiwa: mtu mwingine amehifadhi kipengele hiki wakati huo huo.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="480"/>
        <source>Saved: your version is kept.</source>
        <translation>Imehifadhiwa: toleo lako limebaki.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/edit_toolbar.py" line="483"/>
        <source>Their version is kept; your change was dropped.</source>
        <translation>Toleo lake limebaki; badiliko lako limeachwa.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="200"/>
        <source>Export data</source>
        <extracomment>Data formats offered, in the order shown: (format, extension). Formats that can be limited to an area. Formats that publish to others: only verified features unless the person asks. Formats written from the participatory layers only. What a default file name ends with, per format (never the project&apos;s own name). Layer kinds never offered (derived data). Format name (gpkg, geojson... html, pdf, png). The file to write. Layer names, or None for what the format takes by default (GTFS, printed maps). Only participatory features marked verified. Keep who mapped and household survey answers. Settings of web and printed maps (title, template, paper...). Project layers offered (LayerInfo: name, kind, title, count). What the map window shows (west, south, east, north degrees), if anything.</extracomment>
        <translation>Hamisha data</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="202"/>
        <source>GeoPackage (.gpkg): for QGIS and GIS teams</source>
        <translation>GeoPackage (.gpkg): kwa QGIS na timu za GIS</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="203"/>
        <source>GeoJSON (.geojson): for web tools, one file per layer</source>
        <translation>GeoJSON (.geojson): kwa zana za wavuti, faili moja kwa kila tabaka</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="204"/>
        <source>Shapefile (.shp): for older GIS software</source>
        <translation>Shapefile (.shp): kwa programu za zamani za GIS</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="205"/>
        <source>CSV (.csv): for spreadsheets</source>
        <translation>CSV (.csv): kwa lahajedwali</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="206"/>
        <source>KML (.kml): for Google Earth</source>
        <translation>KML (.kml): kwa Google Earth</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="207"/>
        <source>OpenStreetMap (.osm): to open in JOSM and upload</source>
        <translation>OpenStreetMap (.osm): kufungua katika JOSM na kupakia</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="208"/>
        <source>OpenStreetMap changes (.osc): osmChange for JOSM</source>
        <translation>Mabadiliko ya OpenStreetMap (.osc): osmChange kwa JOSM</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="209"/>
        <source>Transport feed GTFS (.zip): routes and stops for journey planners</source>
        <translation>Data ya usafiri GTFS (.zip): njia na vituo kwa programu za kupanga safari</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="210"/>
        <source>Offline web map (.html): one file that opens in any browser</source>
        <translation>Ramani ya wavuti bila mtandao (.html): faili moja linalofunguka katika kivinjari chochote</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="214"/>
        <source>Format</source>
        <translation>Muundo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="215"/>
        <source>Layers</source>
        <translation>Matabaka</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="216"/>
        <source>All</source>
        <translation>Yote</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="217"/>
        <source>None</source>
        <translation>Hakuna</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="218"/>
        <source>Options</source>
        <translation>Chaguo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="219"/>
        <source>Only features marked verified</source>
        <translation>Vipengele vilivyowekwa imethibitishwa pekee</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="220"/>
        <source>Leave out personal data (who mapped, household survey answers), for sharing publicly</source>
        <translation>Acha data binafsi (nani alichora, majibu ya utafiti wa kaya), ili kushiriki hadharani</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="222"/>
        <source>Only what the map window shows</source>
        <translation>Kinachoonyeshwa na dirisha la ramani pekee</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="223"/>
        <source>Title of the map</source>
        <translation>Kichwa cha ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="224"/>
        <source>Save to</source>
        <translation>Hifadhi kwenye</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="225"/>
        <source>Choose…</source>
        <translation>Chagua…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="226"/>
        <source>Export</source>
        <translation>Hamisha</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="232"/>
        <source>One file with one table per layer; tags become columns.</source>
        <translation>Faili moja lenye jedwali moja kwa kila tabaka; lebo zinakuwa safu.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="233"/>
        <source>Longitude and latitude, as web maps and phones read them; one file per layer is written beside the one chosen.</source>
        <translation>Longitudo na latitudo, kama ramani za wavuti na simu zinavyozisoma; faili moja kwa kila tabaka linaandikwa kando ya lile lililochaguliwa.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="235"/>
        <source>One shapefile per layer and geometry type; long field names are shortened and listed in a side file.</source>
        <translation>Shapefile moja kwa kila tabaka na aina ya jiometri; majina marefu ya sehemu yanafupishwa na kuorodheshwa katika faili la pembeni.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="237"/>
        <source>One row per feature: longitude and latitude for points, the shape as text (WKT) for lines and areas.</source>
        <translation>Mstari mmoja kwa kila kipengele: longitudo na latitudo kwa nukta, umbo kama maandishi (WKT) kwa mistari na maeneo.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="239"/>
        <source>One folder per layer, with the tags in each placemark.</source>
        <translation>Folda moja kwa kila tabaka, na lebo katika kila alama ya mahali.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="240"/>
        <source>New features get negative ids; changed OpenStreetMap features keep their id and version. Check them in JOSM before uploading.</source>
        <translation>Vipengele vipya vinapata namba hasi za utambulisho; vipengele vya OpenStreetMap vilivyobadilishwa vinabaki na namba na toleo lao. Vikague katika JOSM kabla ya kupakia.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="243"/>
        <source>The same changes as an osmChange file.</source>
        <translation>Mabadiliko hayo hayo kama faili la osmChange.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="244"/>
        <source>Made from the transport lines and stops, with their fares and frequencies.</source>
        <translation>Imetengenezwa kutoka njia za usafiri wa umma na vituo, pamoja na nauli na muda wa kusubiri.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="246"/>
        <source>Works with no internet: the map, its layers, legend and popups are all inside the file.</source>
        <translation>Inafanya kazi bila mtandao: ramani, matabaka yake, ufunguo wa ramani na madirisha ya taarifa yote yamo ndani ya faili.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="250"/>
        <source>1 feature</source>
        <translation>kipengele 1</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="252"/>
        <source>A GTFS feed is always made from the transport lines and their stops.</source>
        <translation>Data ya GTFS daima inatengenezwa kutoka njia za usafiri wa umma na vituo vyake.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="255"/>
        <source>Only what was mapped in Quartier goes to OpenStreetMap.</source>
        <translation>Kilichochorwa katika Quartier pekee ndicho kinakwenda OpenStreetMap.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dialogs/export_dialog.py" line="261"/>
        <source>%n features</source>
        <translation>
            <numerusform>kipengele %n</numerusform>
            <numerusform>vipengele %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_dialog.py" line="343"/>
        <source>Export to</source>
        <translation>Hamisha kwenda</translation>
    </message>
</context>
<context>
    <name>ExportFlow</name>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="103"/>
        <source>{file} is the project itself: choose another name for the export.</source>
        <extracomment>An export finished: its report (files, counts, notes). The dialog while it is open (tests fill it in). The summary shown after the last export (tests read it). The replace question while it is shown (tests answer it).</extracomment>
        <translation>{file} ni mradi wenyewe: chagua jina jingine la kuhamisha.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="107"/>
        <source>Replace file?</source>
        <translation>Badilisha faili?</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="108"/>
        <source>{file} already exists. Replace it?</source>
        <translation>{file} tayari lipo. Libadilishe?</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="139"/>
        <source>Exporting {file}</source>
        <translation>Inahamisha {file}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dialogs/export_flow.py" line="146"/>
        <source>Wrote %n file(s) in {folder}:</source>
        <translation>
            <numerusform>Faili %n imeandikwa katika {folder}:</numerusform>
            <numerusform>Faili %n zimeandikwa katika {folder}:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dialogs/export_flow.py" line="156"/>
        <source>{layer}: %n features</source>
        <translation>
            <numerusform>{layer}: kipengele %n</numerusform>
            <numerusform>{layer}: vipengele %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="150"/>
        <source>  … and {count} more</source>
        <translation>  … na {count} zaidi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="155"/>
        <source>{layer}: 1 feature</source>
        <translation>{layer}: kipengele 1</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="157"/>
        <source>Export finished</source>
        <translation>Kuhamisha kumekamilika</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="162"/>
        <source>Open folder</source>
        <translation>Fungua folda</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/export_flow.py" line="174"/>
        <source>Exported {file}</source>
        <translation>{file} imehamishwa</translation>
    </message>
</context>
<context>
    <name>FeatureEditor</name>
    <message>
        <location filename="../../desktop/editing/editor_panel.py" line="75"/>
        <source>Cancel</source>
        <extracomment>Save pressed: preset id and tags. The person gave up describing the feature. Answers a new feature starts with, when its form asks them ({&quot;fare:currency&quot;: &quot;KES&quot;}).</extracomment>
        <translation>Ghairi</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/editor_panel.py" line="78"/>
        <source>Choose a tool in the Edit toolbar: add a place, draw a line or an area, then describe it here.</source>
        <translation>Chagua zana katika upau wa kuhariri: ongeza mahali, chora mstari au eneo, kisha ulieleze hapa.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/editor_panel.py" line="77"/>
        <location filename="../../desktop/editing/editor_panel.py" line="141"/>
        <source>Describe</source>
        <translation>Eleza</translation>
    </message>
</context>
<context>
    <name>FeatureStoryItems</name>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="61"/>
        <source>Yes</source>
        <extracomment>Tags that are bookkeeping, not answers.</extracomment>
        <translation>Ndiyo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="61"/>
        <source>No</source>
        <translation>Hapana</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="72"/>
        <source>Added</source>
        <translation>Kimeongezwa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="73"/>
        <source>Changed</source>
        <translation>Kimebadilishwa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="74"/>
        <source>Moved</source>
        <translation>Kimesogezwa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="75"/>
        <source>Deleted</source>
        <translation>Kimefutwa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="76"/>
        <source>Review status changed</source>
        <translation>Hali ya ukaguzi imebadilika</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="77"/>
        <source>Undone</source>
        <translation>Kimetenduliwa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="78"/>
        <source>Redone</source>
        <translation>Kimerudiwa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="94"/>
        <source>Type</source>
        <translation>Aina</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="99"/>
        <source>Stop number</source>
        <translation>Namba ya kituo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="100"/>
        <source>Mapped by</source>
        <translation>Kimechorwa na</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="102"/>
        <source>Mapping session</source>
        <translation>Kikao cha uchoraji ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="104"/>
        <source>Created</source>
        <translation>Kimeundwa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="105"/>
        <source>Last changed</source>
        <translation>Kilibadilishwa mwisho</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="106"/>
        <source>Version</source>
        <translation>Toleo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="108"/>
        <source>Review</source>
        <translation>Ukaguzi</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="108"/>
        <source>Verified</source>
        <translation>Imethibitishwa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="108"/>
        <source>Draft</source>
        <translation>Rasimu</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="112"/>
        <source>OpenStreetMap</source>
        <translation>OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="114"/>
        <source>History</source>
        <translation>Historia</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="114"/>
        <source>1 change</source>
        <translation>badiliko 1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/panels/identify_details.py" line="115"/>
        <source>%n changes</source>
        <translation>
            <numerusform>badiliko %n</numerusform>
            <numerusform>mabadiliko %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_details.py" line="119"/>
        <source>v{version}</source>
        <translation>t{version}</translation>
    </message>
</context>
<context>
    <name>FieldImportDialog</name>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="162"/>
        <source>Import field data</source>
        <extracomment>The layers field data fills, with their titles as the project names them. Rows shown in the preview (the refused ones are all listed below it). The import was saved (its :class:`mapping.field_import.ImportReport`). The window&apos;s edit session (None when no mapping session is open). The file as read (FieldData), and what importing it would do (FieldPreview). Columns whose key the person changed: column → key (&quot;&quot; to leave it out). The last import&apos;s report.</extracomment>
        <translation>Ingiza data ya uwandani</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="163"/>
        <source>File:</source>
        <translation>Faili:</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="163"/>
        <source>Into layer:</source>
        <translation>Kwenye tabaka:</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="163"/>
        <source>Preset:</source>
        <translation>Kiolezo:</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="164"/>
        <source>XLSForm (optional):</source>
        <translation>XLSForm (si lazima):</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="164"/>
        <source>Contributor:</source>
        <translation>Mchangiaji:</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="167"/>
        <source>ODK or Kobo export, GPX, GeoJSON, GeoPackage, Shapefile or report sheet</source>
        <translation>Faili kutoka ODK au Kobo, GPX, GeoJSON, GeoPackage, Shapefile au jedwali la taarifa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="169"/>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="170"/>
        <source>Choose…</source>
        <translation>Chagua…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="171"/>
        <source>who imports, when the file does not say who collected the rows</source>
        <translation>anayeingiza, faili lisiposema nani alikusanya mistari</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="176"/>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="228"/>
        <source>(from a category or type column)</source>
        <translation>(kutoka safu ya category au type)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="177"/>
        <source>What the file holds (first rows)</source>
        <translation>Kilichomo kwenye faili (mistari ya kwanza)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="179"/>
        <source>Row</source>
        <translation>Mstari</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="179"/>
        <source>Position</source>
        <translation>Mahali</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="179"/>
        <source>Preset</source>
        <translation>Kiolezo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="180"/>
        <source>Tags, or why it is refused</source>
        <translation>Lebo, au kwa nini umekataliwa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="181"/>
        <source>Columns and the tags they fill</source>
        <translation>Safu na lebo zinazojaza</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="182"/>
        <source>Column</source>
        <translation>Safu</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="182"/>
        <source>Tag key</source>
        <translation>Ufunguo wa lebo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="183"/>
        <source>Stops proposed where the vehicle stood still</source>
        <translation>Vituo vinavyopendekezwa pale gari liliposimama</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="184"/>
        <source>Import</source>
        <translation>Ingiza</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="207"/>
        <source>Field data to import</source>
        <translation>Data ya uwandani ya kuingiza</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="208"/>
        <source>Field data (*.csv *.txt *.geojson *.json *.gpx *.gpkg *.shp *.zip);;All files (*)</source>
        <translation>Data ya uwandani (*.csv *.txt *.geojson *.json *.gpx *.gpkg *.shp *.zip);;Faili zote (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="214"/>
        <source>XLSForm</source>
        <translation>XLSForm</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="215"/>
        <source>XLSForm (*.xlsx)</source>
        <translation>XLSForm (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="323"/>
        <source>{taken} of {total} rows would be imported as drafts.</source>
        <translation>Mistari {taken} kati ya {total} ingeingizwa kama rasimu.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="338"/>
        <source>Refused: {reason}</source>
        <translation>Umekataliwa: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="348"/>
        <source>Refused {where}: {reason}</source>
        <translation>Umekataliwa {where}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="353"/>
        <source>none found</source>
        <translation>hakuna kilichopatikana</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="361"/>
        <source>{count} points from {lat:.6f}, {lon:.6f}</source>
        <translation>nukta {count} kuanzia {lat:.6f}, {lon:.6f}</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="401"/>
        <source>Stop {number} ({where}): {lat:.6f}, {lon:.6f}, the vehicle stood there {seconds:.0f} s</source>
        <translation>Kituo {number} ({where}): {lat:.6f}, {lon:.6f}, gari lilisimama hapo sekunde {seconds:.0f}</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/field_import_dialog.py" line="424"/>
        <source>Say who is importing: type a name under Contributor, or start a mapping session first.</source>
        <translation>Sema nani anaingiza: andika jina chini ya Mchangiaji, au kwanza anza kikao cha uchoraji ramani.</translation>
    </message>
</context>
<context>
    <name>FieldImportFlow</name>
    <message>
        <location filename="../../desktop/field_import_flow.py" line="49"/>
        <source>Import field data…</source>
        <extracomment>The dialog open now (None when closed).</extracomment>
        <translation>Ingiza data ya uwandani…</translation>
    </message>
    <message>
        <location filename="../../desktop/field_import_flow.py" line="50"/>
        <source>Bring ODK or Kobo forms, GPX tracks, surveys or citizen reports into the participatory layers as drafts</source>
        <translation>Leta fomu za ODK au Kobo, njia za GPX, tafiti au taarifa za wananchi kwenye matabaka shirikishi kama rasimu</translation>
    </message>
    <message>
        <location filename="../../desktop/field_import_flow.py" line="82"/>
        <source>Imported 1 feature from {source} as a draft; refused: {refused}.</source>
        <translation>Kipengele 1 kimeingizwa kutoka {source} kama rasimu; vilivyokataliwa: {refused}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/field_import_flow.py" line="84"/>
        <source>Imported %n features from {source} as drafts; refused: {refused}.</source>
        <translation>
            <numerusform>Kipengele %n kimeingizwa kutoka {source} kama rasimu; vilivyokataliwa: {refused}.</numerusform>
            <numerusform>Vipengele %n vimeingizwa kutoka {source} kama rasimu; vilivyokataliwa: {refused}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GtfsImportFlow</name>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="50"/>
        <source>Import GTFS feed…</source>
        <translation>Ingiza data ya GTFS…</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="51"/>
        <source>Bring a published GTFS feed&apos;s routes and stops into the transport lines as drafts</source>
        <translation>Leta njia na vituo vya data ya GTFS iliyochapishwa kwenye njia za usafiri wa umma kama rasimu</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="61"/>
        <source>Import a GTFS feed</source>
        <translation>Ingiza data ya GTFS</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="62"/>
        <source>GTFS feeds (*.zip stops.txt stops.csv);;All files (*)</source>
        <translation>Data ya GTFS (*.zip stops.txt stops.csv);;Faili zote (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="86"/>
        <source>Importing {name}</source>
        <translation>Inaingiza {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="104"/>
        <source>Imported {lines} transport lines ({two_way} running both ways) with {stops} stops from {source}, as drafts; left out: {refused}.</source>
        <translation>Njia za usafiri wa umma {lines} zimeingizwa ({two_way} zinakwenda pande zote mbili) pamoja na vituo {stops} kutoka {source}, kama rasimu; zilizoachwa: {refused}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="109"/>
        <source>Left out {where}: {reason}.</source>
        <translation>Imeachwa {where}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="114"/>
        <source>… and {count} more.</source>
        <translation>… na {count} zaidi.</translation>
    </message>
    <message>
        <location filename="../../desktop/gtfs_import_flow.py" line="117"/>
        <source>GTFS feed imported</source>
        <translation>Data ya GTFS imeingizwa</translation>
    </message>
</context>
<context>
    <name>HazardImportDialog</name>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="153"/>
        <source>Add a reference layer</source>
        <extracomment>The file to read. Table name in the project (letters, digits and underscores). Title shown in the layers panel and the legend. Hazard type (None for a reference layer). Class limits for a continuous hazard (None for a reference layer). Vector hazard: the attribute holding depths or class words (None: one class). A ready-made class scheme (&quot;flood4&quot;) instead of ``thresholds``.</extracomment>
        <translation>Ongeza tabaka la marejeo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="154"/>
        <source>A layer to map on top of: boundaries, a survey, schools... (GeoPackage, Shapefile, GeoJSON).</source>
        <translation>Tabaka la kuchorea juu yake: mipaka, utafiti, shule... (GeoPackage, Shapefile, GeoJSON).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="157"/>
        <source>Add a hazard layer</source>
        <translation>Ongeza tabaka la hatari</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="158"/>
        <source>A hazard map: flood depth raster (GeoTIFF), flooded areas or risk zones (GeoPackage, Shapefile, GeoJSON).</source>
        <translation>Ramani ya hatari: raster ya kina cha maji ya mafuriko (GeoTIFF), maeneo yaliyofurika au maeneo ya hatari (GeoPackage, Shapefile, GeoJSON).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="160"/>
        <source>File</source>
        <translation>Faili</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="160"/>
        <source>Title</source>
        <translation>Kichwa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="160"/>
        <source>Hazard</source>
        <translation>Hatari</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="161"/>
        <source>Hazard attribute</source>
        <translation>Sifa ya hatari</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="164"/>
        <source>Choose…</source>
        <translation>Chagua…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="165"/>
        <source>Classes (for depths and other measured values)</source>
        <translation>Madaraja (kwa kina na thamani nyingine zilizopimwa)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="167"/>
        <source>Three classes, low, medium and high, with these limits:</source>
        <translation>Madaraja matatu, chini, wastani na juu, yenye vikomo hivi:</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="178"/>
        <source>Flood</source>
        <translation>Mafuriko</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="178"/>
        <source>Tsunami</source>
        <translation>Tsunami</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="179"/>
        <source>Landslide</source>
        <translation>Maporomoko ya ardhi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="179"/>
        <source>Fire</source>
        <translation>Moto</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="180"/>
        <source>Erosion</source>
        <translation>Mmomonyoko wa udongo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="181"/>
        <source>Storm surge</source>
        <translation>Mawimbi ya dhoruba</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="182"/>
        <source>Earthquake</source>
        <translation>Tetemeko la ardhi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="183"/>
        <source>Volcanic ash</source>
        <translation>Majivu ya volkano</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="183"/>
        <source>Other</source>
        <translation>Nyingine</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="189"/>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="216"/>
        <source>(none: every area in one class)</source>
        <translation>(hakuna: kila eneo katika daraja moja)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="190"/>
        <source>The attribute that holds a depth or a class word (low, medium, high)</source>
        <translation>Sifa yenye kina au neno la daraja (chini, wastani, juu)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="203"/>
        <source>Map layers (*.tif *.tiff *.asc *.gpkg *.shp *.geojson *.json)</source>
        <translation>Matabaka ya ramani (*.tif *.tiff *.asc *.gpkg *.shp *.geojson *.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/hazard_dialog.py" line="204"/>
        <source>Choose a file</source>
        <translation>Chagua faili</translation>
    </message>
</context>
<context>
    <name>HistoryWords</name>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="56"/>
        <source>Added</source>
        <extracomment>A changed value longer than this is shortened in the line (the tooltip has it all).</extracomment>
        <translation>Kimeongezwa</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="58"/>
        <source>Deleted</source>
        <translation>Kimefutwa</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="61"/>
        <source>Undone: {changes}</source>
        <translation>Imetenduliwa: {changes}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="62"/>
        <source>Undone</source>
        <translation>Imetenduliwa</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="64"/>
        <source>Redone: {changes}</source>
        <translation>Imerudiwa: {changes}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="65"/>
        <source>Redone</source>
        <translation>Imerudiwa</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="67"/>
        <source>Saved again, nothing changed</source>
        <translation>Kimehifadhiwa tena, hakuna kilichobadilika</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="78"/>
        <source>type: {old} → {new}</source>
        <translation>aina: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="84"/>
        <source>moved</source>
        <translation>kimesogezwa</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="85"/>
        <source>shape changed</source>
        <translation>umbo limebadilika</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="89"/>
        <source>marked verified</source>
        <translation>kimewekwa imethibitishwa</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="90"/>
        <source>marked draft</source>
        <translation>kimewekwa rasimu</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="94"/>
        <source>stop number: {old} → {new}</source>
        <translation>namba ya kituo: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="112"/>
        <source>{what}: {new} (added)</source>
        <translation>{what}: {new} (imeongezwa)</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/history_words.py" line="114"/>
        <source>{what}: {old} (removed)</source>
        <translation>{what}: {old} (imeondolewa)</translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="100"/>
        <source>What</source>
        <extracomment>Columns that mean nothing to a resident. Attributes whose value is a hazard class label (&quot;Low (&lt; 0.5 m)&quot;). What was shown is gone (undone, deleted): the panel is empty again.</extracomment>
        <translation>Nini</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="100"/>
        <source>Value</source>
        <translation>Thamani</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="160"/>
        <source>Nothing here. Click on a building, a street or a place.</source>
        <translation>Hakuna kitu hapa. Bofya jengo, mtaa au mahali.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="162"/>
        <source>Click on the map to see what is there.</source>
        <translation>Bofya kwenye ramani kuona kilichopo.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="164"/>
        <source>Found here:</source>
        <translation>Kilichopatikana hapa:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/identify_panel.py" line="175"/>
        <source>{name} ({layer})</source>
        <translation>{name} ({layer})</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="94"/>
        <source>Adding {title}</source>
        <extracomment>A layer was added: its table name. The CRS question while it is shown (for tests). The outside-the-area warning while it is shown (for tests). What the last import changed on the way in, while it is shown (for tests).</extracomment>
        <translation>Inaongeza {title}</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="107"/>
        <source>Added {title} to the map.</source>
        <translation>{title} imeongezwa kwenye ramani.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="114"/>
        <source>Added {title}</source>
        <translation>{title} imeongezwa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="116"/>
        <source>{title} was added to the map. Some of it was changed on the way in:</source>
        <translation>{title} imeongezwa kwenye ramani. Sehemu yake ilibadilishwa wakati wa kuingiza:</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="155"/>
        <source>Outside the project area</source>
        <translation>Nje ya eneo la mradi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="158"/>
        <source>Import anyway</source>
        <translation>Ingiza hata hivyo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/import_flow.py" line="185"/>
        <source>This hazard layer has one class for all its features.</source>
        <translation>Tabaka hili la hatari lina daraja moja kwa vipengele vyake vyote.</translation>
    </message>
</context>
<context>
    <name>LayerTitle</name>
    <message>
        <location filename="../../desktop/service_flow.py" line="30"/>
        <source>Walk to transport</source>
        <extracomment>Titles and legend classes of the layers the analysis writes (:mod:`mapping.analysis._service_layers`), for lupdate: the map&apos;s layer list and legend translate them at run time (:mod:`desktop.i18n`).</extracomment>
        <translation>Kutembea hadi usafiri</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="31"/>
        <source>Transport stops by frequency</source>
        <translation>Vituo vya usafiri kwa mara za magari</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="32"/>
        <source>Least-served areas</source>
        <translation>Maeneo yenye huduma duni zaidi</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="94"/>
        <source>Opacity</source>
        <extracomment>Zoom the map to this layer. Edit the classes of this hazard layer.</extracomment>
        <translation>Uzito wa rangi</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="95"/>
        <source>How see-through the selected layer is</source>
        <translation>Jinsi tabaka lililochaguliwa linavyoonyesha yaliyo chini yake</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="96"/>
        <source>Tick to show, drag to reorder, right-click for more.</source>
        <translation>Weka alama kuonyesha, buruta kupanga upya, bofya kulia kwa zaidi.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="178"/>
        <source>OpenStreetMap base layer</source>
        <translation>Tabaka la msingi la OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="179"/>
        <source>Street graph (for routes and access)</source>
        <translation>Mtandao wa mitaa (kwa njia na kufikia huduma)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="180"/>
        <source>Mapped with residents</source>
        <translation>Imechorwa pamoja na wakazi</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="181"/>
        <source>Hazard layer</source>
        <translation>Tabaka la hatari</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="182"/>
        <source>Reference layer</source>
        <translation>Tabaka la marejeo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="185"/>
        <source>{title} ({kind}; table “{name}”)</source>
        <translation>{title} ({kind}; jedwali “{name}”)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="239"/>
        <source>Zoom to layer</source>
        <translation>Kuza hadi tabaka</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="242"/>
        <source>Hazard classes…</source>
        <translation>Madaraja ya hatari…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="245"/>
        <source>Remove from map…</source>
        <translation>Ondoa kwenye ramani…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="256"/>
        <source>Remove layer</source>
        <translation>Ondoa tabaka</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers_panel.py" line="257"/>
        <source>Remove “{title}” from the map?</source>
        <translation>Ondoa “{title}” kwenye ramani?</translation>
    </message>
</context>
<context>
    <name>LegendLabel</name>
    <message>
        <location filename="../../desktop/service_flow.py" line="33"/>
        <source>frequent stop within walk</source>
        <translation>kituo cha magari ya mara kwa mara ndani ya umbali wa kutembea</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="34"/>
        <source>stop within walk</source>
        <translation>kituo ndani ya umbali wa kutembea</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="35"/>
        <source>no stop within walk</source>
        <translation>hakuna kituo ndani ya umbali wa kutembea</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="36"/>
        <source>no street near</source>
        <translation>hakuna mtaa karibu</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="37"/>
        <source>under 25 %</source>
        <translation>chini ya 25 %</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="38"/>
        <source>25-50 %</source>
        <translation>25-50 %</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="39"/>
        <source>50-75 %</source>
        <translation>50-75 %</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="40"/>
        <source>75 % or more</source>
        <translation>75 % au zaidi</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="41"/>
        <source>no buildings</source>
        <translation>hakuna majengo</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="42"/>
        <source>frequent</source>
        <translation>mara kwa mara</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="43"/>
        <source>not frequent</source>
        <translation>si mara kwa mara</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="44"/>
        <source>cut off</source>
        <translation>imekatika</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <location filename="../../desktop/panels/legend_panel.py" line="50"/>
        <source>The legend lists the layers shown on the map.</source>
        <extracomment>What the legend shows now (to rebuild it only when that changes).</extracomment>
        <translation>Ufunguo wa ramani unaorodhesha matabaka yanayoonyeshwa kwenye ramani.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="305"/>
        <source>&amp;File</source>
        <extracomment>A project is on the map (its Project object). Where the open project is: its file, or its team-server address (with the password typed in the window, if any: in memory only, never shown or remembered). The dialog asking a team server&apos;s password, while it is up. The last error shown to the person (tests, bug reports). The quick-start guide, once opened (Help → Quick start). Shows others&apos; edits while a team-server project is open.</extracomment>
        <translation>&amp;Faili</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="306"/>
        <source>&amp;View</source>
        <translation>&amp;Mwonekano</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="307"/>
        <source>&amp;Layer</source>
        <translation>&amp;Tabaka</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="308"/>
        <source>&amp;Settings</source>
        <translation>Mi&amp;pangilio</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="309"/>
        <source>&amp;Help</source>
        <translation>M&amp;saada</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="310"/>
        <source>Open &amp;recent</source>
        <translation>Miradi ya &amp;karibuni</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="311"/>
        <source>&amp;Export</source>
        <translation>H&amp;amisha</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="312"/>
        <source>Open &amp;sample area</source>
        <translation>Fungua eneo la &amp;mfano</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="313"/>
        <source>&amp;Language</source>
        <translation>&amp;Lugha</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="315"/>
        <source>Open</source>
        <translation>Fungua</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="315"/>
        <source>Open a project file (.gpkg)</source>
        <translation>Fungua faili la mradi (.gpkg)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="316"/>
        <source>Open team project…</source>
        <translation>Fungua mradi wa timu…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="317"/>
        <source>Map together on a project kept on a team server (PostgreSQL)</source>
        <translation>Chora ramani pamoja kwenye mradi uliohifadhiwa kwenye seva ya timu (PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="319"/>
        <source>New project…</source>
        <translation>Mradi mpya…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="320"/>
        <source>Make a project from an OpenStreetMap extract</source>
        <translation>Unda mradi kutoka kipande cha OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="321"/>
        <source>Quit</source>
        <translation>Toka</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="321"/>
        <source>Close Quartier</source>
        <translation>Funga Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="322"/>
        <source>Clear the list</source>
        <translation>Futa orodha</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="323"/>
        <source>Show in folder</source>
        <translation>Onyesha kwenye folda</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="324"/>
        <source>Open the folder holding this project in the file manager</source>
        <translation>Fungua folda yenye mradi huu katika kidhibiti faili</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="326"/>
        <source>Zoom in</source>
        <translation>Kuza</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="326"/>
        <source>Show a smaller area, closer</source>
        <translation>Onyesha eneo dogo zaidi, kwa karibu</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="327"/>
        <source>Zoom out</source>
        <translation>Punguza</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="327"/>
        <source>Show a larger area</source>
        <translation>Onyesha eneo kubwa zaidi</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="328"/>
        <source>Whole area</source>
        <translation>Eneo lote</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="329"/>
        <source>Show the whole project area</source>
        <translation>Onyesha eneo lote la mradi</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="330"/>
        <location filename="../../desktop/main_window.py" line="369"/>
        <source>Add hazard</source>
        <translation>Ongeza hatari</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="331"/>
        <source>Add a hazard layer: flood depth, flooded areas…</source>
        <translation>Ongeza tabaka la hatari: kina cha maji ya mafuriko, maeneo yaliyofurika…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="332"/>
        <source>Add reference layer…</source>
        <translation>Ongeza tabaka la marejeo…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="333"/>
        <source>Add boundaries, a survey or other data to map on</source>
        <translation>Ongeza mipaka, utafiti au data nyingine ya kuchorea juu yake</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="336"/>
        <source>Data for GIS (GeoPackage, GeoJSON, Shapefile, CSV, KML)…</source>
        <translation>Data kwa GIS (GeoPackage, GeoJSON, Shapefile, CSV, KML)…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="337"/>
        <source>Export layers for QGIS, GIS teams and spreadsheets</source>
        <translation>Hamisha matabaka kwa QGIS, timu za GIS na lahajedwali</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="338"/>
        <source>For OpenStreetMap (JOSM)…</source>
        <translation>Kwa OpenStreetMap (JOSM)…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="339"/>
        <source>Export the verified features to open in JOSM and upload</source>
        <translation>Hamisha vipengele vilivyothibitishwa ili kuvifungua katika JOSM na kuvipakia</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="341"/>
        <source>Transport feed (GTFS)…</source>
        <translation>Data ya usafiri (GTFS)…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="342"/>
        <source>Export the transport lines and stops as a GTFS feed</source>
        <translation>Hamisha njia za usafiri wa umma na vituo kama data ya GTFS</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="344"/>
        <source>Offline web map…</source>
        <translation>Ramani ya wavuti bila mtandao…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="345"/>
        <source>One HTML file that shows the map in any browser, with no internet</source>
        <translation>Faili moja la HTML linaloonyesha ramani katika kivinjari chochote, bila mtandao</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="347"/>
        <source>Print map…</source>
        <translation>Chapisha ramani…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="348"/>
        <source>Facility, risk and evacuation or transport map on A4 or A3, as PDF or PNG</source>
        <translation>Ramani ya vituo vya huduma, hatari na uokoaji au usafiri kwenye A4 au A3, kama PDF au PNG</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="350"/>
        <source>Settings…</source>
        <translation>Mipangilio…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="350"/>
        <source>Language and coordinates</source>
        <translation>Lugha na viwianishi</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="351"/>
        <source>About Quartier</source>
        <translation>Kuhusu Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="352"/>
        <source>Quick start</source>
        <translation>Jinsi ya kuanza</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="353"/>
        <source>How to run a mapping session, step by step</source>
        <translation>Jinsi ya kuendesha kikao cha uchoraji ramani, hatua kwa hatua</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="354"/>
        <source>UTM coordinates</source>
        <translation>Viwianishi vya UTM</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="355"/>
        <source>Also show coordinates in metres (UTM)</source>
        <translation>Onyesha pia viwianishi kwa mita (UTM)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="356"/>
        <source>Move map</source>
        <translation>Sogeza ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="357"/>
        <source>Drag the map to move it</source>
        <translation>Buruta ramani ili kuisogeza</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="358"/>
        <location filename="../../desktop/main_window.py" line="381"/>
        <source>What is here?</source>
        <translation>Hapa kuna nini?</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="359"/>
        <source>Click on the map to see what is there</source>
        <translation>Bofya kwenye ramani kuona kilichopo</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="361"/>
        <source>Zoom to area</source>
        <translation>Kuza hadi eneo</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="362"/>
        <source>Draw a box on the map to zoom to it (or Shift+drag)</source>
        <translation>Chora kisanduku kwenye ramani ili kukuza hadi hapo (au Shift+buruta)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="370"/>
        <source>Print</source>
        <translation>Chapisha</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="371"/>
        <source>Export</source>
        <translation>Hamisha</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="372"/>
        <source>Export data, a web map or a map to print</source>
        <translation>Hamisha data, ramani ya wavuti au ramani ya kuchapisha</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="373"/>
        <source>Kibera, Nairobi (Kenya)</source>
        <translation>Kibera, Nairobi (Kenya)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="374"/>
        <source>Jakarta (Indonesia), with flood depths</source>
        <translation>Jakarta (Indonesia), pamoja na kina cha maji ya mafuriko</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="377"/>
        <source>Sample area</source>
        <translation>Eneo la mfano</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="378"/>
        <source>Open a ready-made example area</source>
        <translation>Fungua eneo la mfano lililoandaliwa</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="379"/>
        <source>Layers</source>
        <translation>Matabaka</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="380"/>
        <source>Legend</source>
        <translation>Ufunguo wa ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="382"/>
        <source>Main toolbar</source>
        <translation>Upau mkuu wa zana</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="393"/>
        <source>Quartier: participatory mapping</source>
        <translation>Quartier: uchoraji ramani shirikishi</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="399"/>
        <location filename="../../desktop/main_window.py" line="405"/>
        <source>{project} — {file} — Quartier</source>
        <translation>{project} — {file} — Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="421"/>
        <source>Open a project</source>
        <translation>Fungua mradi</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="422"/>
        <source>Quartier projects (*.gpkg)</source>
        <translation>Miradi ya Quartier (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="432"/>
        <source>Opening {name}</source>
        <translation>Inafungua {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="463"/>
        <source>Opening {name} from the team server</source>
        <translation>Inafungua {name} kutoka seva ya timu</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="473"/>
        <source>Team server password</source>
        <translation>Nenosiri la seva ya timu</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="474"/>
        <source>Password of {user} on {server}:</source>
        <translation>Nenosiri la {user} kwenye {server}:</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="475"/>
        <source>your user</source>
        <translation>mtumiaji wako</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="489"/>
        <source>Preparing the sample area (only the first time)</source>
        <translation>Inaandaa eneo la mfano (mara ya kwanza tu)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="490"/>
        <location filename="../../desktop/main_window.py" line="523"/>
        <source>Opening the map</source>
        <translation>Inafungua ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="499"/>
        <source>Opening the sample area {name}</source>
        <translation>Inafungua eneo la mfano {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="512"/>
        <source>Replace project?</source>
        <translation>Badilisha mradi?</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="513"/>
        <source>{file} already exists. Replace it?</source>
        <translation>{file} tayari lipo. Libadilishe?</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="538"/>
        <source>Making {name}</source>
        <translation>Inaunda {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="559"/>
        <source>Opened {name}</source>
        <translation>{name} imefunguliwa</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="571"/>
        <source>Something went wrong: {error}</source>
        <translation>Kuna tatizo limetokea: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="572"/>
        <source>Quartier</source>
        <translation>Quartier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="592"/>
        <source>{project}   (team server {server})</source>
        <translation>{project}   (seva ya timu {server})</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="595"/>
        <source>{file}   ({folder})</source>
        <translation>{file}   ({folder})</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="602"/>
        <source>(no recent projects)</source>
        <translation>(hakuna miradi ya karibuni)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="637"/>
        <source>This layer is empty.</source>
        <translation>Tabaka hili ni tupu.</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <location filename="../../desktop/canvas.py" line="175"/>
        <source>Open a project or a sample area to see the map.</source>
        <extracomment>Closest zoom (metres per pixel), about 1:500 on a laptop screen. Farthest zoom (metres per pixel), a whole country. Drag moves the map. Click shows what is there; drag moves the map. Drag draws a box to zoom to. Cursor position: longitude, latitude, and x, y in the working CRS. The map scale changed: its denominator (the N of 1:N). A click found these features (list of IdentifyResult; empty when nothing is there). A &quot;What is here?&quot; click, at these map coordinates (working CRS). The view changed (pan or zoom), before it is drawn. A new map image is on screen. Attribution drawn bottom right. The search result shown with a pin and its name: (x, y, label), or None. The pluggable map tool (see :meth:`set_map_tool`), or None.</extracomment>
        <translation>Fungua mradi au eneo la mfano ili kuona ramani.</translation>
    </message>
    <message>
        <location filename="../../desktop/canvas.py" line="176"/>
        <source>Drawing the map…</source>
        <translation>Inachora ramani…</translation>
    </message>
</context>
<context>
    <name>MapSearch</name>
    <message>
        <location filename="../../desktop/search.py" line="55"/>
        <source>Find a street, place or facility</source>
        <extracomment>Closest zoom for a search result (metres per pixel), about 1:2,000. Pause after the last key before suggestions are looked up, milliseconds. Most suggestions listed. Letters typed before suggestions are looked up.</extracomment>
        <translation>Tafuta mtaa, mahali au kituo cha huduma</translation>
    </message>
    <message>
        <location filename="../../desktop/search.py" line="56"/>
        <source>Type a name: places matching it are suggested as you type</source>
        <translation>Andika jina: mahali panapolingana panapendekezwa unapoandika</translation>
    </message>
    <message>
        <location filename="../../desktop/search.py" line="108"/>
        <source>Nothing called “{text}” on this map.</source>
        <translation>Hakuna kinachoitwa “{text}” kwenye ramani hii.</translation>
    </message>
    <message>
        <location filename="../../desktop/search.py" line="136"/>
        <source>Showing {label}</source>
        <translation>Inaonyesha {label}</translation>
    </message>
</context>
<context>
    <name>MergeConflictsDialog</name>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="83"/>
        <source>Merge conflicts</source>
        <extracomment>Fields of a conflict that are not tags (see mapping._merge_fields). The participatory layers&apos; titles (translated by desktop.i18n.layer_title). Keep a side (&quot;mine&quot; or &quot;theirs&quot;) for the feature of this conflict. Save this value for the conflict&apos;s tag (conflict, value). A conflict was selected (show its feature on the map).</extracomment>
        <translation>Migongano ya kuunganisha</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="95"/>
        <source>Layer</source>
        <translation>Tabaka</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="95"/>
        <source>Feature</source>
        <translation>Kipengele</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="95"/>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="233"/>
        <source>Field</source>
        <translation>Sehemu</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="95"/>
        <source>Mine</source>
        <translation>Langu</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="96"/>
        <source>Theirs</source>
        <translation>Lao</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="96"/>
        <source>Changed by</source>
        <translation>Imebadilishwa na</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="96"/>
        <source>When</source>
        <translation>Lini</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="96"/>
        <source>From file</source>
        <translation>Kutoka faili</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="113"/>
        <source>Rows in yellow differ between the two versions. Keep mine or Keep theirs settles every conflicting field of the feature.</source>
        <extracomment>The side-by-side table of the selected conflict (ConflictDialog&apos;s).</extracomment>
        <translation>Mistari ya rangi ya njano inatofautiana kati ya matoleo mawili. Baki na langu au Baki na lao inatatua kila sehemu yenye mgongano ya kipengele.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="117"/>
        <source>Keep mine</source>
        <translation>Baki na langu</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="119"/>
        <source>Keep this project&apos;s values of the feature</source>
        <translation>Baki na thamani za kipengele za mradi huu</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="120"/>
        <source>Keep theirs</source>
        <translation>Baki na lao</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="122"/>
        <source>Take the other laptop&apos;s values of the feature</source>
        <translation>Chukua thamani za kipengele za kompyuta nyingine</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="123"/>
        <source>Combine…</source>
        <translation>Changanya…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="125"/>
        <source>Close</source>
        <translation>Funga</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="160"/>
        <source>someone</source>
        <translation>mtu fulani</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="166"/>
        <source>%n conflict(s) to settle: this project&apos;s values are kept until you choose.</source>
        <translation>
            <numerusform>Mgongano %n wa kutatua: thamani za mradi huu zinabaki hadi utakapochagua.</numerusform>
            <numerusform>Migongano %n ya kutatua: thamani za mradi huu zinabaki hadi utakapochagua.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="170"/>
        <source>No conflicts left to settle.</source>
        <translation>Hakuna migongano iliyobaki ya kutatua.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="190"/>
        <source>shape</source>
        <translation>umbo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="190"/>
        <source>kind of feature</source>
        <translation>aina ya kipengele</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="191"/>
        <source>review</source>
        <translation>ukaguzi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="191"/>
        <source>whole feature</source>
        <translation>kipengele kizima</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="204"/>
        <source>(deleted)</source>
        <translation>(imefutwa)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="205"/>
        <source>changed</source>
        <translation>imebadilishwa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="205"/>
        <source>changed there</source>
        <translation>imebadilishwa huko</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="207"/>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="209"/>
        <source>(none)</source>
        <translation>(hakuna)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="207"/>
        <source>shape as saved here</source>
        <translation>umbo kama lilivyohifadhiwa hapa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="208"/>
        <source>shape as saved there</source>
        <translation>umbo kama lilivyohifadhiwa huko</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="233"/>
        <source>Theirs ({file})</source>
        <translation>Lao ({file})</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="234"/>
        <source>Mine (this project)</source>
        <translation>Langu (mradi huu)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="239"/>
        <source>Someone</source>
        <translation>Mtu fulani</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="240"/>
        <source>{who} changed “{what}” on another laptop at {when} (version {version}, in {file}).</source>
        <translation>{who} alibadilisha “{what}” kwenye kompyuta nyingine tarehe {when} (toleo {version}, katika {file}).</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="247"/>
        <source>Type the value to keep for this tag (for example both answers joined); it is saved as an ordinary edit and settles the conflict</source>
        <translation>Andika thamani ya kubaki nayo kwa lebo hii (kwa mfano majibu yote mawili yameunganishwa); inahifadhiwa kama uhariri wa kawaida na inatatua mgongano</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="249"/>
        <source>Only a tag conflict that is its feature&apos;s only one can be combined: keep mine or theirs, then edit the feature</source>
        <translation>Ni mgongano wa lebo ulio peke yake katika kipengele chake tu unaoweza kuchanganywa: baki na langu au lao, kisha hariri kipengele</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="281"/>
        <source>Combine</source>
        <translation>Changanya</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/merge_conflicts_dialog.py" line="282"/>
        <source>Value of “{field}” to keep (here: “{mine}”, there: “{theirs}”):</source>
        <translation>Thamani ya “{field}” ya kubaki nayo (hapa: “{mine}”, huko: “{theirs}”):</translation>
    </message>
</context>
<context>
    <name>MergeFlow</name>
    <message>
        <location filename="../../desktop/merge_flow.py" line="63"/>
        <source>Merge projects…</source>
        <extracomment>The conflicts dialog, while it is up. The last merge&apos;s outcome (MergeReport), for tests.</extracomment>
        <translation>Unganisha miradi…</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="64"/>
        <source>Merge conflicts…</source>
        <translation>Migongano ya kuunganisha…</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="80"/>
        <source>Merging is for project files: a team-server project takes the others&apos; edits as they save them.</source>
        <translation>Kuunganisha ni kwa faili za mradi: mradi wa seva ya timu unapokea uhariri wa wengine wanapouhifadhi.</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="83"/>
        <source>Open a project first.</source>
        <translation>Kwanza fungua mradi.</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="85"/>
        <source>Bring the edits made on other laptops&apos; copies of this project into it</source>
        <translation>Leta ndani ya mradi huu uhariri uliofanywa kwenye nakala zake katika kompyuta nyingine</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="90"/>
        <source>What merged laptops changed differently, to settle</source>
        <translation>Kile ambacho kompyuta zilizounganishwa zilibadilisha tofauti, cha kutatua</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="108"/>
        <source>Merge projects into {name}</source>
        <translation>Unganisha miradi ndani ya {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="109"/>
        <source>Quartier projects (*.gpkg)</source>
        <translation>Miradi ya Quartier (*.gpkg)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/merge_flow.py" line="122"/>
        <source>Merging %n project(s)</source>
        <translation>
            <numerusform>Inaunganisha mradi %n</numerusform>
            <numerusform>Inaunganisha miradi %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/merge_flow.py" line="178"/>
        <source>%n merge conflict(s) in {path}</source>
        <translation>
            <numerusform>Mgongano %n wa kuunganisha katika {path}</numerusform>
            <numerusform>Migongano %n ya kuunganisha katika {path}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="130"/>
        <source>Merging into {name}</source>
        <translation>Inaunganisha ndani ya {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="136"/>
        <source>Merged {files} into {name}: {added} added, {updated} updated, {deleted} deleted, {combined} combined, {conflicts} conflict(s).</source>
        <translation>{files} imeunganishwa ndani ya {name}: vimeongezwa {added}, vimesasishwa {updated}, vimefutwa {deleted}, vimechanganywa {combined}, migongano {conflicts}.</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="237"/>
        <source>Kept this project&apos;s version of “{what}”.</source>
        <translation>Toleo la mradi huu la “{what}” limebaki.</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="239"/>
        <source>Kept the other laptop&apos;s version of “{what}”.</source>
        <translation>Toleo la kompyuta nyingine la “{what}” limebaki.</translation>
    </message>
    <message>
        <location filename="../../desktop/merge_flow.py" line="276"/>
        <source>Saved the combined value of “{field}”.</source>
        <translation>Thamani iliyochanganywa ya “{field}” imehifadhiwa.</translation>
    </message>
</context>
<context>
    <name>MergeTool</name>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="279"/>
        <source>Merge lines: click the first line.</source>
        <translation>Unganisha mistari: bofya mstari wa kwanza.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="280"/>
        <source>Merge lines: now click the line to join to it.</source>
        <translation>Unganisha mistari: sasa bofya mstari wa kuunganisha nao.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="285"/>
        <source>Click on a transport line.</source>
        <translation>Bofya njia ya usafiri wa umma.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="295"/>
        <source>The two lines are now one.</source>
        <translation>Mistari miwili sasa ni mmoja.</translation>
    </message>
</context>
<context>
    <name>MoveTool</name>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="173"/>
        <source>Move: drag a place, line or area to where it really is.</source>
        <translation>Sogeza: buruta mahali, mstari au eneo hadi pale lilipo kweli.</translation>
    </message>
</context>
<context>
    <name>NeedsBox</name>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="115"/>
        <source>Share of the people of this class who must leave their homes</source>
        <extracomment>The figures were counted again (a profile or a rate changed). The needs shown (mapping.analysis.needs.Needs), None without a people answer. How figures are written (set by the panel).</extracomment>
        <translation>Sehemu ya watu wa daraja hili wanaolazimika kuhama makazi yao</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="133"/>
        <source>Class</source>
        <translation>Daraja</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="133"/>
        <source>People</source>
        <translation>Watu</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="133"/>
        <source>Displaced</source>
        <translation>Waliohamishwa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="154"/>
        <source>Displaced people: {count}</source>
        <translation>Watu waliohamishwa makazi: {count}</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="161"/>
        <source>Need</source>
        <translation>Hitaji</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="161"/>
        <source>Amount</source>
        <translation>Kiasi</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="161"/>
        <source>Unit</source>
        <translation>Kipimo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="161"/>
        <source>How often</source>
        <translation>Mara ngapi</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="190"/>
        <source>a day</source>
        <translation>kwa siku</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="190"/>
        <source>a week</source>
        <translation>kwa wiki</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="190"/>
        <source>a month</source>
        <translation>kwa mwezi</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="191"/>
        <source>once</source>
        <translation>mara moja</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="195"/>
        <source>Minimum needs:</source>
        <translation>Mahitaji ya msingi:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/needs_box.py" line="196"/>
        <source>Whose minimum needs per displaced person (resources/needs)</source>
        <translation>Mahitaji ya msingi ya nani kwa kila mtu aliyehamishwa (resources/needs)</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="69"/>
        <source>New project from an OpenStreetMap extract</source>
        <translation>Mradi mpya kutoka kipande cha OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="70"/>
        <source>Quartier reads the extract (.osm, .osm.pbf or .osm.bz2) and makes a project file you can also open in QGIS.</source>
        <translation>Quartier inasoma kipande (.osm, .osm.pbf au .osm.bz2) na kuunda faili la mradi ambalo unaweza pia kulifungua katika QGIS.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="72"/>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="87"/>
        <source>OpenStreetMap extract</source>
        <translation>Kipande cha OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="73"/>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="98"/>
        <source>Project file</source>
        <translation>Faili la mradi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="73"/>
        <source>Name</source>
        <translation>Jina</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="76"/>
        <source>Choose…</source>
        <translation>Chagua…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="77"/>
        <source>Save as…</source>
        <translation>Hifadhi kama…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="78"/>
        <source>From the file name</source>
        <translation>Kutoka jina la faili</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="88"/>
        <source>OpenStreetMap extracts (*.osm *.pbf *.bz2)</source>
        <translation>Vipande vya OpenStreetMap (*.osm *.pbf *.bz2)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/new_project_dialog.py" line="99"/>
        <source>Quartier projects (*.gpkg)</source>
        <translation>Miradi ya Quartier (*.gpkg)</translation>
    </message>
</context>
<context>
    <name>OpeningHoursInput</name>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="142"/>
        <source>Days and hours…</source>
        <translation>Siku na saa…</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="143"/>
        <source>Tick the days, set the hours, press Add</source>
        <translation>Weka alama siku, weka saa, bonyeza Ongeza</translation>
    </message>
</context>
<context>
    <name>OpeningHoursPicker</name>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="88"/>
        <source>Mon</source>
        <extracomment>The days and hours to add, as OSM writes them (&quot;Mo-Fr 08:00-17:00&quot;). The value the new days and hours are added to (set by the input).</extracomment>
        <translation>Jtt</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="88"/>
        <source>Tue</source>
        <translation>Jnn</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="88"/>
        <source>Wed</source>
        <translation>Jtn</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="88"/>
        <source>Thu</source>
        <translation>Alh</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="88"/>
        <source>Fri</source>
        <translation>Ijm</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="89"/>
        <source>Sat</source>
        <translation>Jms</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="89"/>
        <source>Sun</source>
        <translation>Jpl</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="92"/>
        <source>Opens</source>
        <translation>Saa ya kufungua</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="93"/>
        <source>Closes</source>
        <translation>Saa ya kufunga</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="94"/>
        <source>Add</source>
        <translation>Ongeza</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="95"/>
        <source>Add these days and hours to the answer</source>
        <translation>Ongeza siku na saa hizi kwenye jibu</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="96"/>
        <source>Always open</source>
        <translation>Wazi wakati wote</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/hours_input.py" line="110"/>
        <source>Choose at least one day, and different opening and closing times.</source>
        <translation>Chagua angalau siku moja, na saa tofauti za kufungua na kufunga.</translation>
    </message>
</context>
<context>
    <name>PresetForm</name>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="171"/>
        <source>Change type</source>
        <extracomment>Around every input: the same width whether it is in error or not, so that nothing moves. Save pressed with no problem left: the preset id and the tags as typed. Cancel pressed. &quot;Change type&quot; pressed: back to the preset list, keeping the tags. Inputs, problem labels and question labels by tag key. The frame around each input (red when its answer is refused). Clicks beside an input and typing no input takes go to the right question.</extracomment>
        <translation>Badilisha aina</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="172"/>
        <source>Choose another kind of feature; answers given are kept</source>
        <translation>Chagua aina nyingine ya kipengele; majibu yaliyotolewa yanabaki</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="174"/>
        <source>Form</source>
        <translation>Fomu</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="175"/>
        <source>Tags</source>
        <translation>Lebo</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="176"/>
        <source>Every OpenStreetMap tag as key = value, for experts</source>
        <translation>Kila lebo ya OpenStreetMap kama ufunguo = thamani, kwa wataalamu</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="178"/>
        <source>Key</source>
        <translation>Ufunguo</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="178"/>
        <source>Value</source>
        <translation>Thamani</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="179"/>
        <source>Add tag</source>
        <translation>Ongeza lebo</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="180"/>
        <source>Remove tag</source>
        <translation>Ondoa lebo</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="181"/>
        <source>Questions marked * must be answered.</source>
        <translation>Maswali yenye alama * lazima yajibiwe.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="182"/>
        <source>Save</source>
        <translation>Hifadhi</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="183"/>
        <source>Cancel</source>
        <translation>Ghairi</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_form.py" line="368"/>
        <source>To fix before saving: {count}.</source>
        <translation>Ya kurekebisha kabla ya kuhifadhi: {count}.</translation>
    </message>
</context>
<context>
    <name>PresetPicker</name>
    <message>
        <location filename="../../desktop/editing/preset_picker.py" line="97"/>
        <source>What is it? Type a few letters or pick from the list.</source>
        <extracomment>Style class of each layer&apos;s presets (facilities use their category instead). The person chose this preset (its id).</extracomment>
        <translation>Ni nini? Andika herufi chache au chagua kutoka orodha.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/preset_picker.py" line="98"/>
        <source>Search: clinic, école, shule, flood…</source>
        <translation>Tafuta: zahanati, clinic, shule, mafuriko…</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="189"/>
        <source>Print a map</source>
        <extracomment>Ready-made maps in the order offered (others found in the templates folder follow). Resolution of the preview page, dots per inch. Wait after the last change before redrawing the preview, milliseconds. Preview number, the page image (or None) and an error sentence. The file name last offered (replaced when the map changes, unless edited). Previews drawn so far (tests wait on it). The last preview error, if drawing failed (a plain sentence).</extracomment>
        <translation>Chapisha ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="190"/>
        <source>Facility map</source>
        <translation>Ramani ya vituo vya huduma</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="191"/>
        <source>Risk and evacuation map</source>
        <translation>Ramani ya hatari na uokoaji</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="192"/>
        <source>Transport map</source>
        <translation>Ramani ya usafiri</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="193"/>
        <source>Overview map</source>
        <translation>Ramani ya jumla</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="197"/>
        <source>Landscape</source>
        <translation>Mlalo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="198"/>
        <source>Portrait</source>
        <translation>Wima</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="199"/>
        <source>PDF (for printing)</source>
        <translation>PDF (kwa kuchapisha)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="200"/>
        <source>PNG image (for messages and slides)</source>
        <translation>Picha ya PNG (kwa ujumbe na mawasilisho)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="201"/>
        <source>Map</source>
        <translation>Ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="201"/>
        <source>Paper</source>
        <translation>Karatasi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="202"/>
        <source>Orientation</source>
        <translation>Mkao</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="202"/>
        <source>Title</source>
        <translation>Kichwa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="203"/>
        <source>Subtitle</source>
        <translation>Kichwa kidogo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="203"/>
        <source>Area</source>
        <translation>Eneo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="204"/>
        <source>File type</source>
        <translation>Aina ya faili</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="204"/>
        <source>Save to</source>
        <translation>Hifadhi kwenye</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="207"/>
        <source>What the map is about (fitted)</source>
        <translation>Kile ramani inachohusu (kimerekebishwa)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="208"/>
        <source>What the map window shows now</source>
        <translation>Kinachoonyeshwa na dirisha la ramani sasa</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="209"/>
        <source>Leave out telephone numbers (to post publicly)</source>
        <translation>Acha namba za simu (ili kubandika hadharani)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="210"/>
        <source>Choose…</source>
        <translation>Chagua…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="211"/>
        <source>Save map</source>
        <translation>Hifadhi ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="287"/>
        <source>Save the map as</source>
        <translation>Hifadhi ramani kama</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="293"/>
        <source>Updating the preview…</source>
        <translation>Inasasisha onyesho la awali…</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="332"/>
        <source>No preview: {error}</source>
        <translation>Hakuna onyesho la awali: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/print_dialog.py" line="339"/>
        <source>Preview of the {paper} page</source>
        <translation>Onyesho la awali la ukurasa wa {paper}</translation>
    </message>
</context>
<context>
    <name>ProgressFlow</name>
    <message>
        <location filename="../../desktop/progress_flow.py" line="149"/>
        <source>Mapping progress…</source>
        <extracomment>(day, mapped so far, verified so far), oldest first.</extracomment>
        <translation>Maendeleo ya uchoraji ramani…</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="150"/>
        <source>Features mapped and verified, per area, contributor, session and day</source>
        <translation>Vipengele vilivyochorwa na kuthibitishwa, kwa eneo, mchangiaji, kikao na siku</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="152"/>
        <source>Mapping progress</source>
        <translation>Maendeleo ya uchoraji ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="153"/>
        <source>By area:</source>
        <translation>Kwa eneo:</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="154"/>
        <source>Refresh</source>
        <translation>Onyesha upya</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="155"/>
        <source>Write report…</source>
        <translation>Andika ripoti…</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="157"/>
        <source>&lt;span style=&apos;color:#2a7ab0&apos;&gt;■&lt;/span&gt; on the map &amp;nbsp; &lt;span style=&apos;color:#3a9a4a&apos;&gt;■&lt;/span&gt; verified, at the end of each day</source>
        <translation>&lt;span style=&apos;color:#2a7ab0&apos;&gt;■&lt;/span&gt; kwenye ramani &amp;nbsp; &lt;span style=&apos;color:#3a9a4a&apos;&gt;■&lt;/span&gt; vimethibitishwa, mwishoni mwa kila siku</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="160"/>
        <location filename="../../desktop/progress_flow.py" line="173"/>
        <source>(the whole project)</source>
        <translation>(mradi wote)</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="220"/>
        <source>Write report</source>
        <translation>Andika ripoti</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="221"/>
        <source>PDF (*.pdf);;Web page (*.html)</source>
        <translation>PDF (*.pdf);;Ukurasa wa wavuti (*.html)</translation>
    </message>
    <message>
        <location filename="../../desktop/progress_flow.py" line="235"/>
        <source>Report written: {path}</source>
        <translation>Ripoti imeandikwa: {path}</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="qt_words.py" line="13"/>
        <source>OK</source>
        <translation>Sawa</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="14"/>
        <source>Save</source>
        <translation>Hifadhi</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="15"/>
        <source>Save All</source>
        <translation>Hifadhi zote</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="16"/>
        <source>Open</source>
        <translation>Fungua</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="17"/>
        <source>&amp;Yes</source>
        <translation>&amp;Ndiyo</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="18"/>
        <source>Yes to &amp;All</source>
        <translation>Ndiyo kwa &amp;zote</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="19"/>
        <source>&amp;No</source>
        <translation>&amp;Hapana</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="20"/>
        <source>N&amp;o to All</source>
        <translation>Hapana kwa z&amp;ote</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="21"/>
        <source>Abort</source>
        <translation>Acha</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="22"/>
        <source>Retry</source>
        <translation>Jaribu tena</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="23"/>
        <source>Ignore</source>
        <translation>Puuza</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="24"/>
        <source>Close</source>
        <translation>Funga</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="25"/>
        <source>Cancel</source>
        <translation>Ghairi</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="26"/>
        <source>Discard</source>
        <translation>Tupa</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="27"/>
        <source>Help</source>
        <translation>Msaada</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="28"/>
        <source>Apply</source>
        <translation>Tumia</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="29"/>
        <source>Reset</source>
        <translation>Weka upya</translation>
    </message>
    <message>
        <location filename="qt_words.py" line="30"/>
        <source>Restore Defaults</source>
        <translation>Rejesha chaguo za awali</translation>
    </message>
</context>
<context>
    <name>QuickStart</name>
    <message>
        <location filename="../../desktop/help_window.py" line="50"/>
        <source>Quick start</source>
        <extracomment>Languages the guide is written in (others get the English one).</extracomment>
        <translation>Jinsi ya kuanza</translation>
    </message>
</context>
<context>
    <name>ServiceFlow</name>
    <message>
        <location filename="../../desktop/service_flow.py" line="101"/>
        <source>Transport service…</source>
        <extracomment>The level of service is shown, and its layers are on the map (their names). The task under way, if any. The report shown (ServiceReport), and the layers it wrote.</extracomment>
        <translation>Huduma ya usafiri…</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="102"/>
        <source>How often vehicles come on each line, and the buildings within a walk of a stop, per area</source>
        <translation>Mara ngapi magari yanapita kila njia, na majengo yaliyo ndani ya umbali wa kutembea hadi kituo, kwa eneo</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="104"/>
        <location filename="../../desktop/service_flow.py" line="207"/>
        <source>Transport service</source>
        <translation>Huduma ya usafiri</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="144"/>
        <source>Cancelling…</source>
        <translation>Inaghairi…</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="152"/>
        <source>Reading the lines, the stops and the streets…</source>
        <translation>Inasoma njia, vituo na mitaa…</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="153"/>
        <source>Measuring the walk from every building to the stops…</source>
        <translation>Inapima umbali wa kutembea kutoka kila jengo hadi vituo…</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="154"/>
        <source>Saving the layers…</source>
        <translation>Inahifadhi matabaka…</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="198"/>
        <source>The analysis stopped on an unexpected error.</source>
        <translation>Uchambuzi ulisimama kwa hitilafu isiyotarajiwa.</translation>
    </message>
    <message>
        <location filename="../../desktop/service_flow.py" line="204"/>
        <source>Cancelled; nothing was changed.</source>
        <translation>Imeghairiwa; hakuna kilichobadilishwa.</translation>
    </message>
</context>
<context>
    <name>ServicePanel</name>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="135"/>
        <location filename="../../desktop/panels/service_panel.py" line="375"/>
        <source>(none: the whole project area)</source>
        <extracomment>Sides of the squares offered as areas, metres (``service_level(by=&quot;grid:500&quot;)``). Run: by (an area layer or None), by_field (its name field or None), hazard (a hazard layer or None). Stop the analysis under way. How figures are written (thousands, decimals): the interface language&apos;s way. The report shown (None: no answer shown).</extracomment>
        <translation>(hakuna: eneo lote la mradi)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="137"/>
        <location filename="../../desktop/panels/service_panel.py" line="379"/>
        <source>Squares of {side} m</source>
        <translation>Miraba ya mita {side}</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="139"/>
        <location filename="../../desktop/panels/service_panel.py" line="382"/>
        <source>(none)</source>
        <translation>(hakuna)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="203"/>
        <source>Working…</source>
        <translation>Inafanya kazi…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="237"/>
        <source>{percent}%</source>
        <translation>{percent}%</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="257"/>
        <source>This project has no transport line yet: draw one with its stops, or import a GTFS feed.</source>
        <translation>Mradi huu bado hauna njia ya usafiri wa umma: chora moja pamoja na vituo vyake, au ingiza data ya GTFS.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="261"/>
        <source>Lines: {lines}; places to wait: {places}, {frequent_places} of them frequent. Of {buildings} buildings, {near} ({near_share}) are within a {walk} m walk of a stop, and {frequent} ({frequent_share}) of a stop with a vehicle at least every {wait} minutes in {band}.</source>
        <translation>Njia: {lines}; mahali pa kusubiri: {places}, kati yake {frequent_places} vya mara kwa mara. Kati ya majengo {buildings}, {near} ({near_share}) yako ndani ya mita {walk} za kutembea hadi kituo, na {frequent} ({frequent_share}) hadi kituo chenye gari angalau kila dakika {wait} saa {band}.</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="278"/>
        <source>Line</source>
        <translation>Njia</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="279"/>
        <source>Vehicles/hour
{band}</source>
        <translation>Magari/saa
{band}</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="280"/>
        <source>Span</source>
        <translation>Muda wa huduma</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="280"/>
        <source>Stops</source>
        <translation>Vituo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="280"/>
        <source>Length
(km)</source>
        <translation>Urefu
(km)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="282"/>
        <source>Stops cut off</source>
        <translation>Vituo vilivyokatika</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="286"/>
        <source>Line with no name yet</source>
        <translation>Njia isiyo na jina bado</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="303"/>
        <source>Lines ({count}):</source>
        <translation>Njia ({count}):</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="313"/>
        <source>Area</source>
        <translation>Eneo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="313"/>
        <source>Buildings</source>
        <translation>Majengo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="314"/>
        <source>Within {walk} m of a
frequent stop</source>
        <translation>Ndani ya mita {walk} za
kituo cha mara kwa mara</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="316"/>
        <source>Within {walk} m
of a stop</source>
        <translation>Ndani ya mita {walk}
za kituo</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="319"/>
        <source>(no name)</source>
        <translation>(bila jina)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="332"/>
        <source>By area, least served first (double-click one to see it on the map):</source>
        <translation>Kwa eneo, yenye huduma duni zaidi kwanza (bofya mara mbili eneo ili kuliona kwenye ramani):</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="334"/>
        <source>The whole project area:</source>
        <translation>Eneo lote la mradi:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="367"/>
        <source>By area:</source>
        <translation>Kwa eneo:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="367"/>
        <source>Area names from:</source>
        <translation>Majina ya maeneo kutoka:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="368"/>
        <source>Lines cut by:</source>
        <translation>Njia zilizokatwa na:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="370"/>
        <source>A layer of areas (wards, grid cells): the share of buildings near a stop in each</source>
        <translation>Tabaka la maeneo (kata, miraba): sehemu ya majengo yaliyo karibu na kituo katika kila moja</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="372"/>
        <source>A hazard layer: the lines that cross its affected zones, and their stops cut off</source>
        <translation>Tabaka la hatari: njia zinazopita maeneo yake yaliyoathirika, na vituo vyake vilivyokatika</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="383"/>
        <source>Run</source>
        <translation>Anza</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="384"/>
        <source>Cancel</source>
        <translation>Ghairi</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="385"/>
        <source>Stop this analysis; nothing will be changed</source>
        <translation>Simamisha uchambuzi huu; hakuna kitakachobadilishwa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="386"/>
        <source>Lines:</source>
        <translation>Njia:</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="387"/>
        <source>Copy tables</source>
        <translation>Nakili majedwali</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/service_panel.py" line="388"/>
        <source>Copy both tables, to paste into a spreadsheet</source>
        <translation>Nakili majedwali yote mawili, ili uyabandike kwenye lahajedwali</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="96"/>
        <source>Start a mapping session</source>
        <translation>Anza kikao cha uchoraji ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="97"/>
        <source>Welcome! Before mapping, tell us who you are. Every place, line and zone you add keeps your name and the session it was mapped in.</source>
        <translation>Karibu! Kabla ya kuchora ramani, tuambie wewe ni nani. Kila mahali, mstari na eneo unaloongeza linahifadhi jina lako na jina la kikao ambamo lilichorwa.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="100"/>
        <source>Your name</source>
        <translation>Jina lako</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="101"/>
        <source>e.g. Achieng Otieno</source>
        <translation>k.m. Achieng Otieno</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="102"/>
        <source>Mapping session</source>
        <translation>Kikao cha uchoraji ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="103"/>
        <source>A new name starts a new session; pick an earlier one to continue it</source>
        <translation>Jina jipya linaanza kikao kipya; chagua cha awali ili kukiendeleza</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="105"/>
        <source>Facilitator (optional)</source>
        <translation>Mwezeshaji (si lazima)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="107"/>
        <source>Start mapping</source>
        <translation>Anza kuchora ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="108"/>
        <source>Cancel</source>
        <translation>Ghairi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/session_dialog.py" line="117"/>
        <source>{area} community session {date}</source>
        <translation>Kikao cha jamii {area} {date}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/dialogs/settings_dialog.py" line="57"/>
        <source>Settings</source>
        <translation>Mipangilio</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/settings_dialog.py" line="58"/>
        <source>Language</source>
        <translation>Lugha</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/settings_dialog.py" line="59"/>
        <source>Show UTM coordinates (metres) in the status bar</source>
        <translation>Onyesha viwianishi vya UTM (mita) kwenye upau wa hali</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/settings_dialog.py" line="60"/>
        <source>Open the last project again when Quartier starts</source>
        <translation>Fungua tena mradi wa mwisho Quartier inapoanza</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/settings_dialog.py" line="61"/>
        <source>The language changes at once and is remembered.</source>
        <translation>Lugha inabadilika mara moja na inakumbukwa.</translation>
    </message>
</context>
<context>
    <name>SplitTool</name>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="255"/>
        <source>Split line: click a transport line where it should be cut in two.</source>
        <translation>Gawa mstari: bofya njia ya usafiri wa umma pale inapopaswa kukatwa sehemu mbili.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="260"/>
        <source>Click on a transport line.</source>
        <translation>Bofya njia ya usafiri wa umma.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="268"/>
        <source>The line is cut in two.</source>
        <translation>Njia imekatwa sehemu mbili.</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="86"/>
        <source>UTM</source>
        <extracomment>Widest the project&apos;s path is shown, pixels (the full path is in its tooltip). The project file&apos;s button was clicked: show its folder.</extracomment>
        <translation>UTM</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="87"/>
        <source>Also show coordinates in metres (UTM)</source>
        <translation>Onyesha pia viwianishi kwa mita (UTM)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="88"/>
        <source>Cancel</source>
        <translation>Ghairi</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="89"/>
        <source>Stop this work; nothing will be changed</source>
        <translation>Simamisha kazi hii; hakuna kitakachobadilishwa</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="90"/>
        <source>Position of the mouse on the map</source>
        <translation>Mahali kipanya kilipo kwenye ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="91"/>
        <source>Map scale</source>
        <translation>Kipimo cha ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="113"/>
        <source>{path}
Click to show it in its folder</source>
        <translation>{path}
Bofya kuionyesha kwenye folda yake</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="125"/>
        <source>Move the mouse over the map</source>
        <translation>Sogeza kipanya juu ya ramani</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="128"/>
        <source>Lat {lat:.5f}°, Lon {lon:.5f}°</source>
        <translation>Lat {lat:.5f}°, Lon {lon:.5f}°</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="131"/>
        <source>{crs}: E {x:,.0f} m, N {y:,.0f} m</source>
        <translation>{crs}: E {x:,.0f} m, N {y:,.0f} m</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="144"/>
        <source>Scale 1:{n:,}</source>
        <translation>Kipimo 1:{n:,}</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="162"/>
        <source>Cancelling…</source>
        <translation>Inaghairi…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/status_bar.py" line="177"/>
        <source>{title}: cancelled, nothing was changed.</source>
        <translation>{title}: imeghairiwa, hakuna kilichobadilishwa.</translation>
    </message>
</context>
<context>
    <name>StopPrompt</name>
    <message>
        <location filename="../../desktop/editing/stop_prompt.py" line="72"/>
        <source>Stop number {number} of {line}: what do people call it?</source>
        <extracomment>OK pressed with a name. Closed, by OK (1) or Cancel (0).</extracomment>
        <translation>Kituo namba {number} cha {line}: watu wanakiitaje?</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/stop_prompt.py" line="74"/>
        <source>Name *</source>
        <translation>Jina *</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/stop_prompt.py" line="75"/>
        <source>Kind</source>
        <translation>Aina</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/stop_prompt.py" line="76"/>
        <source>e.g. Olympic stage</source>
        <translation>k.m. kituo cha Olympic</translation>
    </message>
</context>
<context>
    <name>TagExistingTool</name>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="304"/>
        <source>Tag existing: click a building or place of the base map, then choose what it is (e.g. School). It keeps its OpenStreetMap identity.</source>
        <translation>Eleza kilichopo: bofya jengo au mahali kwenye ramani ya msingi, kisha chagua ni nini (k.m. Shule). Kinabaki na utambulisho wake wa OpenStreetMap.</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/modify_tools.py" line="310"/>
        <source>Click on a building or a place of the base map.</source>
        <translation>Bofya jengo au mahali kwenye ramani ya msingi.</translation>
    </message>
</context>
<context>
    <name>TeamProjectDialog</name>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="44"/>
        <source>Open team project</source>
        <translation>Fungua mradi wa timu</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="47"/>
        <source>db.city.go.ke:5432/mapping</source>
        <translation>db.city.go.ke:5432/mapping</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="53"/>
        <source>(from PGPASSWORD or ~/.pgpass if empty)</source>
        <translation>(kutoka PGPASSWORD au ~/.pgpass ikiwa tupu)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="54"/>
        <source>Show projects</source>
        <translation>Onyesha miradi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="66"/>
        <source>Server and database:</source>
        <translation>Seva na hifadhidata:</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="67"/>
        <source>User:</source>
        <translation>Mtumiaji:</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="68"/>
        <source>Password:</source>
        <translation>Nenosiri:</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="108"/>
        <source>Type the server&apos;s address and database first.</source>
        <translation>Kwanza andika anwani ya seva na hifadhidata.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="120"/>
        <source>{name}: {title} (published by {who}, {when})</source>
        <translation>{name}: {title} (imechapishwa na {who}, {when})</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/team_dialog.py" line="127"/>
        <source>This server holds no project yet: publish one with quartier server publish.</source>
        <translation>Seva hii bado haina mradi: chapisha mmoja kwa quartier server publish.</translation>
    </message>
</context>
<context>
    <name>TeamWatch</name>
    <message>
        <location filename="../../desktop/team_watch.py" line="149"/>
        <source>a feature</source>
        <extracomment>How often the server is asked for others&apos; edits (milliseconds). Edits committed by others arrived (a list of HistoryEntry), on the GUI thread. A poll&apos;s entries, from the worker thread (internal).</extracomment>
        <translation>kipengele</translation>
    </message>
    <message>
        <location filename="../../desktop/team_watch.py" line="152"/>
        <source>Someone</source>
        <translation>Mtu fulani</translation>
    </message>
    <message>
        <location filename="../../desktop/team_watch.py" line="154"/>
        <source>{who} deleted {what}</source>
        <translation>{who} amefuta {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/team_watch.py" line="156"/>
        <source>{who} added {what}</source>
        <translation>{who} ameongeza {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/team_watch.py" line="158"/>
        <source>{who} saved {what}</source>
        <translation>{who} amehifadhi {what}</translation>
    </message>
    <message>
        <location filename="../../desktop/team_watch.py" line="161"/>
        <source>(and 1 more change)</source>
        <translation>(na badiliko jingine 1)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/team_watch.py" line="162"/>
        <source>(and %n more changes)</source>
        <translation>
            <numerusform>(na badiliko jingine %n)</numerusform>
            <numerusform>(na mabadiliko mengine %n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ThresholdsDialog</name>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="400"/>
        <source>Hazard classes</source>
        <translation>Madaraja ya hatari</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="402"/>
        <source>Classes of “{title}”, lowest first: each class lists the words that mean it. Ticked classes count as affected.</source>
        <translation>Madaraja ya “{title}”, la chini kabisa kwanza: kila daraja linaorodhesha maneno yanayolimaanisha. Madaraja yaliyowekwa alama yanahesabiwa kuwa yameathirika.</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="405"/>
        <source>Classes of “{title}”, lowest first: a class holds the values above the limit of the class before it, up to and including its own limit. Ticked classes count as affected.</source>
        <translation>Madaraja ya “{title}”, la chini kabisa kwanza: daraja lina thamani zilizo juu ya kikomo cha daraja lililotangulia, hadi na pamoja na kikomo chake. Madaraja yaliyowekwa alama yanahesabiwa kuwa yameathirika.</translation>
    </message>
</context>
<context>
    <name>ThresholdsEditor</name>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="71"/>
        <source>Not affected at or below</source>
        <translation>Haijaathirika hadi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="71"/>
        <source>Low up to</source>
        <translation>Chini hadi</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="72"/>
        <source>Medium up to (high above)</source>
        <translation>Wastani hadi (juu zaidi ya hapo)</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="72"/>
        <source>Unit</source>
        <translation>Kipimo</translation>
    </message>
    <message>
        <location filename="../../desktop/dialogs/thresholds_dialog.py" line="88"/>
        <source>Each limit must be higher than the one above it.</source>
        <translation>Kila kikomo lazima kiwe juu kuliko kile kilicho juu yake.</translation>
    </message>
</context>
<context>
    <name>YesNoInput</name>
    <message>
        <location filename="../../desktop/editing/field_inputs.py" line="296"/>
        <source>Yes</source>
        <extracomment>Largest number a number input accepts (the preset&apos;s own maximum is checked by the form, which says why a number is refused rather than silently refusing the keystroke). What an unanswered choice or number shows. Decimals of non-integer numbers. The person changed the value.</extracomment>
        <translation>Ndiyo</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/field_inputs.py" line="297"/>
        <source>No</source>
        <translation>Hapana</translation>
    </message>
    <message>
        <location filename="../../desktop/editing/field_inputs.py" line="298"/>
        <source>Not known</source>
        <translation>Haijulikani</translation>
    </message>
</context>
</TS>

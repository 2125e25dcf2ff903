<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fil_PH" sourcelanguage="ja_JP">
<context>
    <name>AskStaffPanel</name>
    <message>
        <source>職員への質問を、あなたの言語で入力してください</source>
        <translation>Isulat ang inyong tanong sa kawani sa inyong wika</translation>
    </message>
    <message>
        <source>職員に見せる</source>
        <translation>Ipakita sa kawani</translation>
    </message>
    <message>
        <source>職員からの回答</source>
        <translation>Sagot ng kawani</translation>
    </message>
    <message>
        <source>ここに入力します</source>
        <translation>Isulat dito</translation>
    </message>
    <message>
        <source>自由入力を翻訳できる言語: {languages}</source>
        <translation>Mga wikang maisasalin ang isinulat: {languages}</translation>
    </message>
    <message>
        <source>自由入力を翻訳できる言語は、まだありません。</source>
        <translation>Wala pang wikang maisasalin ang isinulat.</translation>
    </message>
    <message>
        <source>この言語の自由入力の翻訳はありません。職員が指さしでご案内します。</source>
        <translation>Hindi maisasalin ang isinulat sa wikang ito. Ituturo ng kawani ang kailangan ninyo.</translation>
    </message>
    <message>
        <source>翻訳しています…</source>
        <translation>Isinasalin…</translation>
    </message>
    <message>
        <source>職員に見せました。回答をお待ちください。</source>
        <translation>Naipakita na sa kawani. Pakihintay ang sagot.</translation>
    </message>
    <message>
        <source>翻訳できませんでした。職員が指さしでご案内します。</source>
        <translation>Hindi maisalin. Ituturo ng kawani ang kailangan ninyo.</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <source>暗証番号が違います。残り{tries}回です。</source>
        <translation>Mali ang PIN. May natitirang {tries} subok.</translation>
    </message>
    <message>
        <source>暗証番号は数字4桁で入力してください。</source>
        <translation>Pakilagay ang PIN na may 4 na numero.</translation>
    </message>
    <message>
        <source>暗証番号の残り回数が1回です。間違えるとロックされます。職員の確認後に読み取ります。</source>
        <translation>Isang subok na lang ang natitira sa PIN. Kapag nagkamali, mala-lock ang card. Babasahin ang card pagkatapos itong kumpirmahin ng kawani.</translation>
    </message>
    <message>
        <source>暗証番号がロックされています。暗証番号の再設定は、本庁舎または各総合支所の市民課窓口で受け付けます。本人確認書類をお持ちください。</source>
        <translation>Naka-lock ang PIN. Maaaring i-reset ang PIN sa counter ng Citizens Division (市民課) ng main office o ng alinmang branch office. Pakidala ang katibayan ng pagkakakilanlan.</translation>
    </message>
    <message>
        <source>カードリーダーが接続されていません。接続を確認してください。</source>
        <translation>Walang nakakonektang card reader. Pakisuri ang koneksiyon.</translation>
    </message>
    <message>
        <source>カードが置かれていません。カードをリーダーに置いてください。</source>
        <translation>Walang card sa reader. Pakilagay ang inyong card sa reader.</translation>
    </message>
    <message>
        <source>読み取り中にカードが離れました。カードを置き直して、もう一度お試しください。</source>
        <translation>Naalis ang card habang binabasa. Pakilagay itong muli at subukan ulit.</translation>
    </message>
    <message>
        <source>カードと通信できませんでした。もう一度お試しいただくか、職員が手入力で進めます。</source>
        <translation>Hindi makausap ang card. Pakisubukan ulit, o ilalagay ng kawani ang inyong impormasyon.</translation>
    </message>
    <message>
        <source>マイナンバーカードではないようです。カードを確認してください。もう一度お試しいただくか、職員が手入力で進めます。</source>
        <translation>Mukhang hindi ito My Number Card. Pakisuri ang card. Pakisubukan ulit, o ilalagay ng kawani ang inyong impormasyon.</translation>
    </message>
    <message>
        <source>カードリーダーを確認しています…</source>
        <translation>Sinusuri ang card reader…</translation>
    </message>
    <message>
        <source>消去</source>
        <translation>Burahin</translation>
    </message>
    <message>
        <source>読み取り</source>
        <translation>Basahin</translation>
    </message>
    <message>
        <source>残り1回のため、職員の確認が必要です。</source>
        <translation>Isang subok na lang, kaya kailangang kumpirmahin ng kawani.</translation>
    </message>
    <message>
        <source>読み取り中です。カードを動かさないでください。</source>
        <translation>Binabasa. Huwag galawin ang card.</translation>
    </message>
    <message>
        <source>カードから読み取りました。(個人番号 {number})</source>
        <translation>Nabasa mula sa card. (My Number {number})</translation>
    </message>
    <message>
        <source>カードから読み取りました。</source>
        <translation>Nabasa mula sa card.</translation>
    </message>
    <message>
        <source>カードを読み取れませんでした。もう一度お試しいただくか、職員が手入力で進めます。</source>
        <translation>Hindi mabasa ang card. Pakisubukan ulit, o ilalagay ng kawani ang inyong impormasyon.</translation>
    </message>
    <message>
        <source>カードリーダー: 接続されています({count}台)</source>
        <translation>Card reader: nakakonekta ({count})</translation>
    </message>
    <message>
        <source>カード: 置かれています</source>
        <translation>Card: nakalagay</translation>
    </message>
    <message>
        <source>暗証番号(数字4桁)を入力して「読み取り」を押してください。</source>
        <translation>Ilagay ang PIN (4 na numero) at pindutin ang “Basahin”.</translation>
    </message>
    <message>
        <source>カード: 置かれていません</source>
        <translation>Card: hindi nakalagay</translation>
    </message>
    <message>
        <source>カードをリーダーに置いてください。</source>
        <translation>Pakilagay ang inyong card sa reader.</translation>
    </message>
    <message>
        <source>暗証番号の残り回数: —</source>
        <translation>Natitirang subok sa PIN: —</translation>
    </message>
    <message>
        <source>暗証番号は照合済みです</source>
        <translation>Nakumpirma ang PIN</translation>
    </message>
    <message>
        <source>暗証番号の残り回数: {tries}回</source>
        <translation>Natitirang subok sa PIN: {tries}</translation>
    </message>
</context>
<context>
    <name>CardPanelStaff</name>
    <message>
        <source>【職員確認】暗証番号の残りは1回です。本人と確認のうえ読み取ります</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChoosePage</name>
    <message>
        <source>ライフイベントから選ぶ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ライフイベント・手続を名前・よみで探す</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例: てんにゅう、じゅうみんひょう、印鑑、国民健康保険</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>この受付で作成する申請書</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>まだ選ばれていません</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{event}: 手続を決めるための質問</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>「{text}」に当てはまるライフイベント・手続はありません。ひらがなのよみや別のことばで探してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ライフイベント: {events}(左に表示しています)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ライフイベントか手続を1つ以上選んでください</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <source>内容をご確認ください</source>
        <translation>Pakisuri ang mga detalye</translation>
    </message>
    <message>
        <source>訂正したい</source>
        <translation>Gusto kong itama</translation>
    </message>
    <message>
        <source>職員にたずねる</source>
        <translation>Magtanong sa kawani</translation>
    </message>
    <message>
        <source>本人</source>
        <translation>Sarili</translation>
    </message>
    <message>
        <source>世帯主</source>
        <translation>Pinuno ng sambahayan</translation>
    </message>
    <message>
        <source>妻</source>
        <translation>Asawang babae</translation>
    </message>
    <message>
        <source>夫</source>
        <translation>Asawang lalaki</translation>
    </message>
    <message>
        <source>子</source>
        <translation>Anak</translation>
    </message>
    <message>
        <source>父</source>
        <translation>Ama</translation>
    </message>
    <message>
        <source>母</source>
        <translation>Ina</translation>
    </message>
    <message>
        <source>1枚ずつご確認ください。違うところは、その行の「訂正したい」を押してください。</source>
        <translation>Suriin ang isang form sa bawat pagkakataon. Kung may mali, pindutin ang “Gusto kong itama” sa linyang iyon.</translation>
    </message>
    <message>
        <source>文字を大きく</source>
        <translation>Mas malaking titik</translation>
    </message>
    <message>
        <source>← 戻る</source>
        <translation>← Bumalik</translation>
    </message>
    <message>
        <source>次へ →</source>
        <translation>Susunod →</translation>
    </message>
    <message>
        <source>訂正を職員に頼む</source>
        <translation>Ipaitama sa kawani</translation>
    </message>
    <message>
        <source>この内容で間違いありません</source>
        <translation>Tama ang lahat</translation>
    </message>
    <message>
        <source>(未記入)</source>
        <translation>(walang nakasulat)</translation>
    </message>
    <message>
        <source>{page} / {count} 枚目</source>
        <translation>Form {page} ng {count}</translation>
    </message>
    <message>
        <source>はい</source>
        <translation>Oo</translation>
    </message>
    <message>
        <source>いいえ</source>
        <translation>Hindi</translation>
    </message>
</context>
<context>
    <name>ConfirmPageStaff</name>
    <message>
        <source>ご本人の確認がまだです。ご本人の画面で最後まで確認していただいてください。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>申請書を作成します</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申請書PDFを作成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>読みやすい説明を印刷用に作成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON・CSV を出力(基幹システム用)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手続き案内票を作成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受付を終了して画面を消去</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ご本人の言語: {language}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>作成しています…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>確認が必要な項目があるため作成しませんでした({count} 件)。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>すべての項目を確認しました。作成できます。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} 件のファイルを出力しました(保存先: {folder})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手続き案内票を作成しました(保存先: {folder})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} 通の申請書を作成しました(保存先: {folder})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>読みやすい説明({language})を作成しました(保存先: {folder})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} 件を {printer} に送りました。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印刷できませんでした: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出力ファイルを削除できませんでした: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>外字があります(〓で印字しました。手書きで補ってください):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}({pages}ページ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>作成できませんでした: {message}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>例: 令和8年11月20日 / R8.11.20 / 2026-11-20</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例: 987-0511</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例: 0220-22-2111</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カタカナで入力</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>番地・建物名・部屋番号まで</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>*必須</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>はい</source>
        <translation>Oo</translation>
    </message>
    <message>
        <source>12桁(入力中だけ表示されます)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FinishPanel</name>
    <message>
        <source>受付を終了しますか?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>終了すると、この方の入力内容・画面の表示・コピーした内容を消去し、最初の画面に戻ります。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>戻る(受付を続ける)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>終了する</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>この受付で作成する申請書はありません。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手続き案内票</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>読みやすい説明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ほかに作成したもの: {items}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>まだ印刷していない申請書が {count} 通あります。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印刷済み</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未印刷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{formats} 出力済み</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>まだ作成していません</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GatePanel</name>
    <message>
        <source>確認画面に戻って修正する</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>次の {count} 項目を確認してください。直すか、理由を選んでこのまま出力を許可できます(用紙に「要確認」と印字されます)。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>許可の理由を選ぶ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>許可の理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>このまま出力を許可</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseholdPage</name>
    <message>
        <source>異動</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出生</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>死亡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>世帯の方</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>届出人と一緒に手続きをする方(異動する方、出生した子、亡くなった方など)を一人ずつ入力します。どの書類にも一度の入力で記入されます。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>＋ 追加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>削除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↑ 上へ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↓ 下へ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>削除する</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>やめる</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>各書類の対象の方</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードリーダーの機能を読み込めませんでした。職員が入力してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>届出人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{age}歳</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(世帯の方の欄はありません)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>別紙 {count}枚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>世帯の方を追加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} さんを修正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} さんを反映しました。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} さんを世帯の一覧から外しますか?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} さんを外しました。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードから読み取りました。続柄を選んで「この内容で反映」を押してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>入力中の方がまだ反映されていません。「この内容で反映」か「取り消し」を押してください</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>受付開始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ご用件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本人確認</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>世帯の方</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>質問</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>確認・修正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ご本人の確認</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出力・完了</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登米市 書かない窓口 — Tome Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← 戻る</source>
        <translation type="unfinished">← Bumalik</translation>
    </message>
    <message>
        <source>次へ →</source>
        <translation type="unfinished">Susunod →</translation>
    </message>
    <message>
        <source>保存できませんでした: {message} 入力内容は画面に残っています。次の操作で再度保存します。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PadMirror</name>
    <message>
        <source>ご本人の画面で暗証番号を入力</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>手続き案内票</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>読みやすい説明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ 前へ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>次へ ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>− 縮小</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ 拡大</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全体</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ページ全体を表示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>このPDFを表示できません: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{page} / {count} ページ</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonEditor</name>
    <message>
        <source>男</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>女</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>適用不能</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例: 平成30年5月1日 / H30.5.1 / 2018-05-01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>氏名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例: 登米&#x3000;花子(姓と名の間は空白)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>フリガナ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>空欄なら候補を自動で表示します</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>国籍・地域</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例: ベトナム</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在留資格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例: 技能実習</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在留期間の満了日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在留カード番号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>英字2・数字8・英字2(例: AB12345678CD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>通称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>住民票に記載する通称があるとき</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>性別</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>続柄(届出人から見て)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>この方は</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>死亡日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30条45区分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>勤務先の健康保険</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>選ぶか入力</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>届出人と同じ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>加入している(国保に入らない)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>加入していない</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>一緒に異動する</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出生(新生児)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>亡くなった方</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>このカードで読み取る</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取り消し</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>この内容で反映</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>氏名・フリガナ・生年月日・性別はこの方のカードから読み取りました。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(個人番号 {number})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>外国籍の方</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintPanel</name>
    <message>
        <source>状態を更新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>部数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印刷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>プリンターを選んで印刷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>プリンター「{name}」が見つかりません</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>プリンター: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>プリンター: {name}({state})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印刷しています…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} 通の申請書を「{printer}」に送りました。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印刷できませんでした: {message}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuestionsPage</name>
    <message>
        <source>お手続に必要なことをうかがいます</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共通の質問(すべての申請書に使います)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResidentPage</name>
    <message>
        <source>男</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>女</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>適用不能</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>氏名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例: 登米&#x3000;太郎(姓と名の間は空白)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>フリガナ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>空欄なら候補を自動で表示します</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>住所</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>都道府県から番地・部屋番号まで</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>郵便番号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例: 987-0511(任意)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例: 昭和60年4月12日 / 1985-04-12</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>個人番号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>12桁(必要な手続があるときだけ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードがない場合は職員が入力</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>性別</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>この内容で本人情報を確定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>マイナンバーカードで読み取る</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードリーダーの機能を読み込めませんでした。職員が入力してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生年月日: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本人情報を確定しました({name} 様、{birth}生)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>カードから本人情報を読み取りました。内容を確認してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本人情報がまだありません。カードを読み取るか、入力して「確定」を押してください</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResidentTurnPage</name>
    <message>
        <source>ご本人が画面で内容を確認しています</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>署名は印刷した用紙にペンで書いていただく(タブレットで署名しない)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ご本人の画面を表示</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResidentView</name>
    <message>
        <source>ようこそ</source>
        <translation>Maligayang pagdating</translation>
    </message>
    <message>
        <source>職員が手続きの準備をしています。少々お待ちください。上のボタンで、画面の言葉を選べます。</source>
        <translation>Inihahanda ng kawani ang inyong mga papeles. Maghintay po sandali. Mapipili ninyo ang wika ng screen gamit ang mga button sa itaas.</translation>
    </message>
    <message>
        <source>ありがとうございました</source>
        <translation>Salamat po</translation>
    </message>
    <message>
        <source>職員が書類をお渡しします。少々お待ちください。</source>
        <translation>Iaabot sa inyo ng kawani ang mga dokumento. Maghintay po sandali.</translation>
    </message>
    <message>
        <source>カードを置いて、暗証番号(数字4桁)を入力してください</source>
        <translation>Ilagay ang card sa reader at ilagay ang inyong PIN (4 na numero)</translation>
    </message>
</context>
<context>
    <name>ResidentViewStaff</name>
    <message>
        <source>職員の画面に戻る</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>カード</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>職員入力</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取込</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受付</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自動入力</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回答</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}(届出人)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申請書</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>項目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状態</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ご本人が訂正を希望</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申請書 {forms} 通・項目 {fields}。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>確認が必要な項目が {count} 件あります(色つきの行)。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>すべての項目がそろっています。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ご本人が訂正を希望した項目が {count} 件あります。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行を押すと、ここで修正できます。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未入力(必須)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>要確認: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>外字: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自動の候補です。確認してください</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>この候補で正しい</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{person}: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>世帯の方の内容は、どの書類にも共通です。「世帯の方」で修正してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>世帯の方で修正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>必須項目が {count} 件未入力です: {names}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignPage</name>
    <message>
        <source>ご署名をお願いします</source>
        <translation>Pakipirmahan po</translation>
    </message>
    <message>
        <source>下の枠の中に、指かペンでお名前を書いてください。</source>
        <translation>Isulat ang inyong pangalan sa kahon sa ibaba gamit ang daliri o panulat.</translation>
    </message>
    <message>
        <source>書き直す</source>
        <translation>Isulat muli</translation>
    </message>
    <message>
        <source>署名して終わる</source>
        <translation>Pumirma at tapusin</translation>
    </message>
    <message>
        <source>署名を受け付けられませんでした。書き直して、もう一度お願いします。</source>
        <translation>Hindi matanggap ang pirma. Pakibura at pumirma ulit.</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>署名欄: 指かペンで、枠の中にお名前を書いてください</source>
        <translation>Kahon ng pirma: isulat ang inyong pangalan sa loob ng kahon gamit ang daliri o panulat</translation>
    </message>
    <message>
        <source>まだ署名がありません。枠の中に、指かペンでお名前を書いてください。</source>
        <translation>Wala pang pirma. Isulat ang inyong pangalan sa loob ng kahon gamit ang daliri o panulat.</translation>
    </message>
    <message>
        <source>点や短い線だけでは署名になりません。お名前を大きく書いてください。</source>
        <translation>Hindi pirma ang isang tuldok o maikling guhit. Pakisulat nang mas malaki ang inyong pangalan.</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>書かない窓口へようこそ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新しい受付を始める</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>準備しています…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>起動できませんでした: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手続 {procedures} 件・ライフイベント {events} 件を読み込みました。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…ほか {count} 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>次の様式定義は使えないため読み込みませんでした(担当: 情報システム):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>ディスクの空き容量が足りません。入力内容は画面に残っています。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>処理中に問題が起きました。入力内容は画面に残っています。もう一度お試しください。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

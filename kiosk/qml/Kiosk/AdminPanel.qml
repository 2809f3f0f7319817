pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// For staff: the kiosk's state, the collection's problems, and reload, restart, quit.
Rectangle {
    id: panel
    required property AdminGate admin
    required property Listening listening

    color: Theme.background

    MouseArea { anchors.fill: parent; acceptedButtons: Qt.AllButtons }  // nothing reaches the kiosk below

    Text {
        id: heading
        x: Theme.unit * 4
        y: Theme.unit * 3
        text: panel.admin.words.heading
        textFormat: Text.PlainText
        font.family: Theme.sansStrong
        font.pixelSize: Theme.staffHeadingSize
        color: Theme.text
    }

    Flow {
        id: actions
        anchors.top: heading.bottom
        anchors.topMargin: Theme.unit * 2
        x: Theme.unit * 4
        width: parent.width - Theme.unit * 8
        spacing: Theme.unit * 1.4
        PillButton { objectName: "adminClose"; text: panel.admin.words.close; active: true; onTapped: panel.admin.close() }
        PillButton { objectName: "adminReload"; text: panel.admin.words.reload; onTapped: panel.admin.reload() }
        PillButton { objectName: "adminRestart"; text: panel.admin.words.restart; onTapped: panel.admin.restart() }
        PillButton { objectName: "adminQuit"; text: panel.admin.words.quit; onTapped: panel.admin.quit() }
        PillButton { objectName: "adminVolumeDown"; text: panel.admin.words.voicesDown; onTapped: panel.listening.volumeDown() }
        PillButton { objectName: "adminVolumeUp"; text: panel.admin.words.voicesUp; onTapped: panel.listening.volumeUp() }
    }

    Grid {
        id: facts
        objectName: "adminFacts"
        anchors.top: actions.bottom
        anchors.topMargin: Theme.unit * 3
        x: Theme.unit * 4
        columns: 2
        columnSpacing: Theme.unit * 3
        rowSpacing: Theme.unit * 0.8
        Repeater {
            model: panel.admin.facts.length * 2
            Text {
                id: factText
                required property int index
                readonly property bool isLabel: index % 2 === 0
                readonly property var fact: panel.admin.facts[Math.floor(index / 2)]
                text: isLabel ? fact.label : fact.value
                textFormat: Text.PlainText
                font.family: isLabel ? Theme.sans : Theme.sansStrong
                font.pixelSize: Theme.labelSize
                color: isLabel ? Theme.muted : Theme.text
            }
        }
    }

    Text {
        id: sound
        objectName: "adminSound"
        anchors.top: facts.bottom
        anchors.topMargin: Theme.unit * 2
        x: Theme.unit * 4
        width: parent.width - Theme.unit * 8
        text: panel.admin.volumeLine(panel.listening.volume, panel.listening.soundProblem)
        textFormat: Text.PlainText
        wrapMode: Text.Wrap
        font.family: Theme.sans
        font.pixelSize: Theme.labelSize
        color: panel.listening.soundProblem !== "" ? Theme.accent : Theme.text
    }

    Text {
        id: problemsHeading
        anchors.top: sound.bottom
        anchors.topMargin: Theme.unit * 3
        x: Theme.unit * 4
        text: panel.admin.problemsHeading
        textFormat: Text.PlainText
        font.family: Theme.sansStrong
        font.pixelSize: Theme.labelSize
        color: Theme.text
    }

    ListView {
        objectName: "adminProblems"
        anchors.top: problemsHeading.bottom
        anchors.topMargin: Theme.unit * 1.4
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.unit * 3
        x: Theme.unit * 4
        width: parent.width - Theme.unit * 8
        clip: true
        spacing: Theme.unit * 1.2
        model: panel.admin.problems
        delegate: Column {
            id: problem
            required property var modelData
            width: ListView.view.width
            Text {
                width: parent.width
                text: problem.modelData.where
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                font.family: Theme.sansStrong
                font.pixelSize: Theme.smallSize
                color: problem.modelData.error ? Theme.accent : Theme.muted
            }
            Text {
                width: parent.width
                text: problem.modelData.message
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                font.family: Theme.sans
                font.pixelSize: Theme.smallSize
                color: Theme.body
            }
        }
    }
}

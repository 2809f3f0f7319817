pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The staff's way in (two invisible corners), the PIN pad and the admin panel.
// AdminGate (Python) decides; this only draws. Without a PIN set, nothing here exists.
Item {
    id: gate  // not "layer": inside any Item, that name is the Item's own layer property
    required property AdminGate admin
    required property Listening listening

    // Top-left: press and hold. Top-right: tap three times. The corners take the touch
    // for themselves (WithinBounds grabs it), so the taps do not also turn pages. At the
    // top, over the title: the visitors' controls are all low on the screen.
    Item {
        objectName: "adminHoldCorner"
        visible: gate.admin.enabled && gate.admin.stage === ""
        anchors.left: parent.left
        anchors.top: parent.top
        width: Theme.touchSize * 1.5
        height: width
        TapHandler {
            gesturePolicy: TapHandler.WithinBounds
            longPressThreshold: gate.admin.holdSeconds
            onLongPressed: gate.admin.cornerHeld()
        }
    }
    Item {
        objectName: "adminTapCorner"
        visible: gate.admin.enabled && gate.admin.stage === ""
        anchors.right: parent.right
        anchors.top: parent.top
        width: Theme.touchSize * 1.5
        height: width
        TapHandler {
            gesturePolicy: TapHandler.WithinBounds
            onTapped: gate.admin.cornerTapped()
        }
    }

    Loader {
        anchors.fill: parent
        active: gate.admin.stage === "pin"
        sourceComponent: PinPad {
            objectName: "pinPad"
            admin: gate.admin
        }
    }
    Loader {
        anchors.fill: parent
        active: gate.admin.stage === "panel"
        sourceComponent: AdminPanel {
            objectName: "adminPanel"
            admin: gate.admin
            listening: gate.listening
        }
    }
}
